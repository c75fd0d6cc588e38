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
# For example, take the artifact as it was at the tagged commit, then publish it:
#   git restore --source $Decision.Commit -- $Decision.Path          # a file tracked in git
#   dvc get . $Decision.Path --rev $Decision.Commit -o ./artifact     # a file tracked by DVC
