#requires -Version 7.4
<#
.SYNOPSIS
    Decides, in a CI job started by a pushed tag, whether that tag asks for a deployment.
.DESCRIPTION
    Reads the ref the CI system is building (GitHub Actions GITHUB_REF, GitLab CI_COMMIT_TAG, Azure Pipelines
    BUILD_SOURCEBRANCH) through Resolve-GtoRef, which turns a GTO tag into its registry event, with the artifact's
    annotation (type, path) as it was at the event's commit. The decision is "deploy" when the tag assigns one of
    -Stage (default prod) to a version, optionally only for artifacts matching -Artifact and of annotation type -Type.
    Branch builds, tags that are not GTO tags, registrations, unassignments and deprecations decide "no deployment".

    Writes one line saying what was decided, returns the decision object and, when the decision is to deploy and
    -DeployScript is given, runs that script with -Decision <the decision>. The registry is read from the CI
    checkout, which must hold the tags (see docs/ci/README.md); nothing is fetched, except with -RestoreAnnotatedTag.
.PARAMETER Repository
    The checked-out repository (default: the current folder).
.PARAMETER Stage
    The stages whose assignment deploys (default: prod).
.PARAMETER Artifact
    Only these artifacts deploy (wildcards; default: all).
.PARAMETER Type
    Only artifacts whose annotation has this type deploy (for example model); default: any type, or none.
.PARAMETER ModulePath
    Imports the Gto module from this manifest first (for example ./out/Gto/Gto.psd1); without it the module must
    already be imported or installed.
.PARAMETER DeployScript
    A script run with -Decision <the decision> when the decision is to deploy.
.PARAMETER RestoreAnnotatedTag
    When the pushed tag is lightweight in the checkout, fetch it again from -Remote. actions/checkout replaces the
    annotated tag that started the run by a lightweight one (actions/checkout issues 290 and 882); GTO, and so this
    module, ignores lightweight tags.
.PARAMETER Remote
    The remote -RestoreAnnotatedTag fetches from (default: origin).
.PARAMETER Trusted
    Decide from the trusted view (docs/governance.md): with a .gto-policy.yaml at the trusted revision, a pushed
    tag the policy does not count (unsigned, signed by a signer the policy does not allow, or skipping a required
    stage) deploys nothing, and the tag's signature is checked. Without a policy the decision is taken from every
    tag, with a warning, unless -RequirePolicy.
.PARAMETER RequirePolicy
    With -Trusted: a repository without a policy fails the step (PolicyNotFound) instead of deciding from every tag.
.OUTPUTS
    A decision: Deploy ($true/$false), Reason, Ref, Artifact, Version, Stage, Type, Path, Commit, Tag, Event.
.EXAMPLE
    ./docs/ci/Invoke-GtoDeployDecision.ps1 -ModulePath ./out/Gto/Gto.psd1 -Stage prod -DeployScript ./deploy.ps1
#>
[CmdletBinding()]
param(
    [string] $Repository = '.',
    [string[]] $Stage = @('prod'),
    [string] $Artifact = '*',
    [string] $Type,
    [string] $ModulePath,
    [string] $DeployScript,
    [switch] $RestoreAnnotatedTag,
    [string] $Remote = 'origin',
    [switch] $Trusted,
    [switch] $RequirePolicy
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

if ($ModulePath) { Import-Module $ModulePath }
$Repository = (Resolve-Path -LiteralPath $Repository).ProviderPath

function New-Decision([bool] $Deploy, [string] $Reason, [string] $Ref, $Event) {
    [pscustomobject]@{
        PSTypeName = 'Gto.DeployDecision'
        Deploy     = $Deploy
        Reason     = $Reason
        Ref        = $Ref
        Artifact   = if ($Event) { $Event.Artifact } else { $null }
        Version    = if ($Event) { $Event.Version } else { $null }
        Stage      = if ($Event) { $Event.Stage } else { $null }
        Type       = if ($Event -and $Event.Annotation) { $Event.Annotation.Type } else { $null }
        Path       = if ($Event -and $Event.Annotation) { $Event.Annotation.Path } else { $null }
        Commit     = if ($Event) { $Event.Commit } else { $null }
        Tag        = if ($Event) { $Event.Tag } else { $null }
        Event      = $Event
    }
}

# The ref the CI system builds, in the order the module reads it.
$ciRef = $null
foreach ($name in 'GITHUB_REF', 'CI_COMMIT_TAG', 'BUILD_SOURCEBRANCH') {
    $value = [Environment]::GetEnvironmentVariable($name)
    if (-not [string]::IsNullOrEmpty($value)) { $ciRef = $value; break }
}

# GitLab's CI_COMMIT_TAG is a bare tag name; the others are full refs.
$tagName = if ($null -eq $ciRef) { $null }
elseif ($ciRef.StartsWith('refs/tags/')) { $ciRef.Substring('refs/tags/'.Length) }
elseif ($ciRef.StartsWith('refs/')) { $null }
else { $ciRef }

if ($RestoreAnnotatedTag -and $tagName) {
    $kind = & git -C $Repository cat-file -t "refs/tags/$tagName" 2>$null
    if ($LASTEXITCODE -eq 0 -and $kind -eq 'commit') {
        Write-Host "The tag '$tagName' is lightweight in this checkout; fetching the annotated tag from '$Remote'."
        & git -C $Repository fetch --quiet --force --no-tags $Remote "+refs/tags/$($tagName):refs/tags/$($tagName)"
        if ($LASTEXITCODE -ne 0) { Write-Warning "Could not fetch the tag '$tagName' from '$Remote' (git exit code $LASTEXITCODE)." }
    }
}

$decision = $null
$trustedView = [bool] $Trusted
try {
    try {
        $events = @(Resolve-GtoRef -Repository $Repository -Trusted:$trustedView -Verify:$trustedView)
    }
    catch {
        if ($_.FullyQualifiedErrorId -notlike 'PolicyNotFound,*' -or $RequirePolicy) { throw }
        Write-Warning "No promotion policy (.gto-policy.yaml) at the trusted revision: deciding from every tag, signed or not. $($_.Exception.Message)"
        $trustedView = $false
        $events = @(Resolve-GtoRef -Repository $Repository)
    }
}
catch {
    if ($_.FullyQualifiedErrorId -notlike 'NoRefGiven,*') { throw }
    Write-Warning 'No CI ref: none of GITHUB_REF, CI_COMMIT_TAG, BUILD_SOURCEBRANCH is set.'
    $decision = New-Decision $false 'no CI ref (GITHUB_REF, CI_COMMIT_TAG and BUILD_SOURCEBRANCH are all unset)' $null $null
}

# A tag the trusted view leaves out, though the registry has it: the policy refused it (its warning says why).
if (-not $decision -and $trustedView -and $events.Count -eq 0 -and $tagName) {
    $refused = @(Resolve-GtoRef -Repository $Repository -Ref $tagName -Verify)
    if ($refused.Count -gt 0) {
        $e = $refused[0]
        $signature = if ($e.Signature) { "signature $($e.Signature)" } else { 'no signature' }
        $decision = New-Decision $false "$tagName breaks the promotion policy ($signature; Test-GtoRegistry names the rule)" $ciRef $e
    }
}

if (-not $decision) {
    $deploy = @($events | Where-Object {
            $_.Kind -eq 'Assignment' -and $_.Stage -in $Stage -and $_.Artifact -like $Artifact -and
            (-not $Type -or ($_.Annotation -and $_.Annotation.Type -eq $Type))
        })
    if ($deploy.Count -gt 0) {
        $e = $deploy[0]
        $decision = New-Decision $true "$($e.Tag) assigns $($e.Stage) to $($e.Artifact) $($e.Version)" $ciRef $e
    }
    elseif ($events.Count -gt 0) {
        $e = $events[0]
        $what = if ($e.Kind -eq 'Assignment') { "assigns $($e.Stage), not $($Stage -join '/')," } else { "is a $($e.Kind.ToString().ToLowerInvariant())," }
        $filter = @()
        if ($Artifact -ne '*') { $filter += "artifact '$Artifact'" }
        if ($Type) { $filter += "type '$Type'" }
        $scope = if ($filter) { " (deploying only $($filter -join ', '))" } else { '' }
        $decision = New-Decision $false "$($e.Tag) $what for $($e.Artifact) $($e.Version)$scope" $ciRef $e
    }
    elseif ($tagName -and @(ConvertFrom-GtoTag -Tag $tagName -ErrorAction SilentlyContinue).Count -gt 0) {
        Write-Warning ("'$tagName' is a GTO tag name but this checkout's registry does not know it: is the tag lightweight " +
            'here (actions/checkout; use -RestoreAnnotatedTag), or were the tags not fetched (fetch-depth 0 / GIT_DEPTH 0 / fetchTags)?')
        $decision = New-Decision $false "$ciRef is not a tag of this checkout's registry" $ciRef $null
    }
    else {
        $decision = New-Decision $false "$ciRef is not a GTO tag (a branch build, or another tag)" $ciRef $null
    }
}

if ($decision.Deploy) {
    $from = if ($decision.Path) { " from $($decision.Path)" } else { '' }
    $type = if ($decision.Type) { " ($($decision.Type))" } else { '' }
    Write-Host "GTO: deploy $($decision.Artifact) $($decision.Version)$type$from at $($decision.Commit) to $($decision.Stage)."
}
else {
    Write-Host "GTO: no deployment: $($decision.Reason)."
}

$decision
if ($decision.Deploy -and $DeployScript) {
    & $DeployScript -Decision $decision
}
