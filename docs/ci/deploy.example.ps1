<#
.SYNOPSIS
    Placeholder deployment, run by Invoke-GtoDeployDecision.ps1 -DeployScript when a pushed GTO tag assigns
    the deploy stage. Replace the body with your own deployment.
.PARAMETER Decision
    The decision: Artifact, Version, Stage, Type, Path (the annotation at the tagged commit), Commit, Tag, Event.
#>
param([Parameter(Mandatory)] $Decision)

$ErrorActionPreference = 'Stop'
Write-Host "Deploying $($Decision.Artifact) $($Decision.Version) to $($Decision.Stage): $($Decision.Type) at '$($Decision.Path)', commit $($Decision.Commit)."
# For example, save the artifact's files as they were at the tagged commit (Git, Git LFS or DVC, verified),
# then publish them:
#   Save-GtoArtifact $Decision.Artifact -Version $Decision.Version -Destination ./artifact -ErrorAction Stop
