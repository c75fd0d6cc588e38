<#
.SYNOPSIS
    Bytes received and wall time of Get-GtoArtifact and Save-GtoArtifact on a remote registry whose history holds
    hundreds of megabytes of file content: partial clone (what the module does) against a full clone.

.DESCRIPTION
    Generates the registry with New-LargeHistoryRegistry.ps1 (random data, -Files x -FileMB) under -WorkFolder,
    served over file:// with uploadpack.allowFilter=true. Then, in this process, with the built module imported:

    * full:    `git clone --bare` of the URL (what the module did before), then the cmdlet on that local clone;
    * partial: the cmdlet with -Repository <URL> (blob-less clone, annotation files and the saved blobs fetched).

    Bytes received are the packs git writes to GIT_TRACE_PACKFILE (every git process appends to the one file).
    Each measurement runs -Iterations times; the median time is reported. The generated data is removed at the end
    unless -Keep. Markdown goes to stdout.

.EXAMPLE
    dotnet pwsh -NoProfile -File ./bench/Measure-PartialClone.ps1
#>
#Requires -Version 7.2
[CmdletBinding()]
param(
    [string] $WorkFolder = (Join-Path ([IO.Path]::GetTempPath()) 'gto-bench-partial-clone'),
    [ValidateRange(1, 1000)] [int] $Files = 20,
    [ValidateRange(1, 1024)] [int] $FileMB = 26,
    [ValidateRange(1, 20)] [int] $Iterations = 3,
    [switch] $Keep
)
$ErrorActionPreference = 'Stop'
$repoRoot = (Resolve-Path "$PSScriptRoot/..").ProviderPath
Import-Module (Join-Path $repoRoot 'out/Gto/Gto.psd1') -Force

$url = & (Join-Path $PSScriptRoot 'New-LargeHistoryRegistry.ps1') -Path $WorkFolder -Files $Files -FileMB $FileMB
$server = [Uri]::new($url).LocalPath
$historyMB = [Math]::Round(((Get-ChildItem -LiteralPath $server -Recurse -File | Measure-Object Length -Sum).Sum) / 1MB, 1)

# Runs $Script with GIT_TRACE_PACKFILE pointing at a new file; returns (bytes received, seconds).
function Measure-Run([scriptblock] $Script) {
    $trace = Join-Path $WorkFolder ('trace-' + [Guid]::NewGuid().ToString('N'))
    $env:GIT_TRACE_PACKFILE = $trace
    $clock = [Diagnostics.Stopwatch]::StartNew()
    try { & $Script | Out-Null }
    finally { Remove-Item Env:GIT_TRACE_PACKFILE }
    $seconds = $clock.Elapsed.TotalSeconds
    $bytes = if (Test-Path -LiteralPath $trace) { (Get-Item -LiteralPath $trace).Length } else { 0 }
    Remove-Item -LiteralPath $trace -ErrorAction SilentlyContinue
    [pscustomobject]@{ Bytes = $bytes; Seconds = $seconds }
}

function Measure-Median([string] $Name, [scriptblock] $Script) {
    $runs = @(1..$Iterations | ForEach-Object { Measure-Run $Script })
    $sorted = @($runs | Sort-Object Seconds)
    [pscustomobject]@{ Name = $Name; Bytes = $runs[0].Bytes; Seconds = $sorted[[int][Math]::Floor(($sorted.Count - 1) / 2)].Seconds }
}

# The full clone the module made before partial clones, then the same cmdlet on it.
function Invoke-FullClone([scriptblock] $OnClone) {
    $clone = Join-Path $WorkFolder ('full-' + [Guid]::NewGuid().ToString('N'))
    try {
        & git clone --bare --quiet -- $url $clone
        if ($LASTEXITCODE -ne 0) { throw 'full clone failed' }
        & $OnClone $clone
    }
    finally { Remove-Item -LiteralPath $clone -Recurse -Force -ErrorAction SilentlyContinue }
}

$dest = Join-Path $WorkFolder 'saved'
$results = @(
    Measure-Median 'Get-GtoArtifact, full clone' { Invoke-FullClone { param($c) Get-GtoArtifact -Repository $c } }
    Measure-Median 'Get-GtoArtifact, partial clone' { Get-GtoArtifact -Repository $url }
    Measure-Median 'Save-GtoArtifact model -Stage prod, full clone' {
        Invoke-FullClone { param($c) Save-GtoArtifact model -Stage prod -Repository $c -Destination $dest -Force } }
    Measure-Median 'Save-GtoArtifact model -Stage prod, partial clone' {
        Save-GtoArtifact model -Stage prod -Repository $url -Destination $dest -Force }
)
if (-not (Test-Path (Join-Path $dest 'model.txt'))) { throw 'Save-GtoArtifact did not save models/model.txt' }

"History: $Files files x $FileMB MB of random data; server repository $historyMB MB on disk. Median of $Iterations runs."
''
'| command | bytes received | % of full clone | wall time (s) |'
'|---|---:|---:|---:|'
for ($i = 0; $i -lt $results.Count; $i++) {
    $r = $results[$i]
    $full = $results[$i - ($i % 2)].Bytes
    $percent = if ($full -gt 0) { [Math]::Round(100.0 * $r.Bytes / $full, 3) } else { 'n/a' }
    '| {0} | {1:N0} | {2} | {3:N2} |' -f $r.Name, $r.Bytes, $percent, $r.Seconds
}
if (-not $Keep) { Remove-Item -LiteralPath $WorkFolder -Recurse -Force }
