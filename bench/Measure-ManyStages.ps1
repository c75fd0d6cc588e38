<#
.SYNOPSIS
    Times Get-GtoStage and Get-GtoArtifact on registries with many distinct stages, to show the
    cost grows linearly with the number of stages.
.DESCRIPTION
    For each size N in -Sizes, makes a repository (git fast-import) holding one artifact with one
    version and N assignment tags, each to a stage of its own (s000001, s000002, ...), then runs
    each cmdlet once in this process (after one warm-up read of a tiny registry) and prints the
    seconds and the seconds per 10,000 stages. Linear cost shows as a flat last column.
.EXAMPLE
    dotnet pwsh -NoProfile -Command ./bench/Measure-ManyStages.ps1 -Sizes 20000,40000,80000,160000
#>
[CmdletBinding()]
param(
    [int[]] $Sizes = @(20000, 40000, 80000, 160000),
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/Gto/Gto.psd1')
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$inv = [Globalization.CultureInfo]::InvariantCulture
$root = Join-Path ([IO.Path]::GetTempPath()) ('gto-stages-' + [Guid]::NewGuid().ToString('N').Substring(0, 8))

function New-StageRegistry([string] $Path, [int] $Count) {
    $env:GIT_CONFIG_NOSYSTEM = '1'
    git init -q -b main $Path
    $sb = [Text.StringBuilder]::new()
    $who = 'Bench <bench@example.com>'
    $null = $sb.Append("commit refs/heads/main`nmark :1`ncommitter $who 1700000000 +0000`ndata 4`nbase`n`n")
    $null = $sb.Append("tag m@v0.0.1`nfrom :1`ntagger $who 1700000001 +0000`ndata 8`nregister`n")
    for ($i = 1; $i -le $Count; $i++) {
        $stage = 's' + $i.ToString('000000', $inv)
        $null = $sb.Append("tag m#$stage#$i`nfrom :1`ntagger $who $((1700000002 + $i).ToString($inv)) +0000`ndata 6`nassign`n")
    }
    $null = $sb.Append("done`n")
    $sb.ToString() | git -C $Path fast-import --quiet --done
}

New-StageRegistry (Join-Path $root 'warm') 10
Get-GtoStage -Repository (Join-Path $root 'warm') | Out-Null
try {
    foreach ($n in $Sizes) {
        $repo = Join-Path $root "r$n"
        New-StageRegistry $repo $n
        foreach ($command in 'Get-GtoStage', 'Get-GtoArtifact') {
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $count = @(& $command -Repository $repo).Count
            $s = $clock.Elapsed.TotalSeconds
            [pscustomobject]@{ Stages = $n; Command = $command; Objects = $count; Seconds = [math]::Round($s, 2); PerTenThousand = [math]::Round($s / $n * 10000, 3) }
        }
    }
}
finally {
    Remove-Item -LiteralPath $root -Recurse -Force -ErrorAction SilentlyContinue
}
