<#
.SYNOPSIS
    Benchmarks what users feel on a large registry — Tab completion, shortcuts, history, a write — for one or more
    builds of the module, against `git for-each-ref` measured in the same run.

.DESCRIPTION
    Generates (or reuses) the registry ARTIFACTSxVERSIONSxSTAGES under bench/results (default 1000x10x3 = 13,000
    tags) with New-BenchRegistry.ps1. Then, for -Rounds rounds, starts one child pwsh per module given in -ModulePath
    (in turn, so every build sees the same machine noise) that imports the module and times, in-process, each case
    -Iterations times after one untimed call:

    * Completion: TabExpansion2 on 'Set-GtoStage -Repository <repo> -Name ' (every artifact name offered) — the
      median per Tab after the first, and the first Tab alone; and on '... -Name a0017 -Version ' (versions).
    * Get-GtoArtifact (all artifacts, as Measure-Gto.ps1 measures it).
    * Get-GtoVersion a0017@latest, and Get-GtoVersion a0017 -Stage prod.
    * Get-GtoHistory (all events), and 100 artifact names piped into Get-GtoHistory.
    * Set-GtoStage a0017 dev -Version v0.0.1 -Force on a copy of the registry (the tag it wrote is deleted again,
      untimed, after each call).
    * git for-each-ref reading the same tag fields as the engine (process start to exit).

    Each child reports its medians; the script prints the median over the rounds per module, and each figure as a
    ratio to for-each-ref measured by that same child. Ratios, not milliseconds, are what compare across builds:
    the machine is shared and its speed changes from minute to minute.

.EXAMPLE
    dotnet pwsh -NoProfile -File ./bench/Measure-Cases.ps1 -ModulePath /tmp/gto-before/Gto.psd1, ./out/Gto/Gto.psd1
#>
#Requires -Version 7.2
[CmdletBinding()]
param(
    # Builds of the module to compare; the first is the baseline.
    [string[]] $ModulePath = @((Join-Path $PSScriptRoot '../out/Gto/Gto.psd1')),

    [ValidatePattern('^\d+x\d+x\d+$')]
    [string] $Size = '1000x10x3',

    [ValidateRange(1, 100)]
    [int] $Rounds = 3,

    [ValidateRange(1, 1000)]
    [int] $Iterations = 9,

    [string] $CachePath = (Join-Path $PSScriptRoot 'results'),

    [string] $OutFile,

    # Internal: run the cases for one module and print JSON (the parent starts children with it).
    [switch] $Child,
    [string] $Repository,
    [string] $WriteRepository
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$inv = [System.Globalization.CultureInfo]::InvariantCulture

function Get-Median([double[]] $values) {
    $s = [double[]]($values | Sort-Object)
    $n = $s.Count
    if ($n % 2 -eq 1) { $s[($n - 1) / 2] } else { ($s[$n / 2 - 1] + $s[$n / 2]) / 2 }
}

$gitFormat = '%(refname) %(objectname) %(*objectname) %(taggername) %(taggeremail) %(taggerdate:raw) %(contents)'

if ($Child) {
    Import-Module $ModulePath[0] -Force
    $repo = $Repository
    # Times $Action $Iterations times after one untimed call; returns the median ms.
    function Measure-Case([scriptblock] $Action, [scriptblock] $After = {}) {
        $null = & $Action; & $After
        $times = foreach ($i in 1..$Iterations) {
            [GC]::Collect(); [GC]::WaitForPendingFinalizers()
            $sw = [System.Diagnostics.Stopwatch]::StartNew()
            $null = & $Action
            $sw.Stop()
            & $After
            $sw.Elapsed.TotalMilliseconds
        }
        Get-Median $times
    }
    function Complete([string] $Line) { (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches }

    $names = "Set-GtoStage -Repository '$repo' -Name "
    $sw = [System.Diagnostics.Stopwatch]::StartNew()
    $offered = @(Complete $names).Count
    $firstTab = $sw.Elapsed.TotalMilliseconds
    $result = [ordered]@{
        Offered = $offered
        FirstTabMs = $firstTab
        TabNamesMs = Measure-Case { Complete $names }
        TabVersionsMs = Measure-Case { Complete "Set-GtoStage -Repository '$repo' -Name a0017 -Version " }
        ArtifactMs = Measure-Case { Get-GtoArtifact -Repository $repo }
        LatestMs = Measure-Case { Get-GtoVersion a0017@latest -Repository $repo }
        StageMs = Measure-Case { Get-GtoVersion a0017 -Stage prod -Repository $repo }
        HistoryMs = Measure-Case { Get-GtoHistory -Repository $repo }
        HistoryPipedMs = Measure-Case { 1..100 | ForEach-Object { [pscustomobject]@{ Artifact = 'a{0:D4}' -f $_ } } | Get-GtoHistory -Repository $repo }
        WriteMs = Measure-Case { Set-GtoStage a0017 dev -Version v0.0.1 -Force -Repository $WriteRepository -Confirm:$false } {
            $tags = @(git -C $WriteRepository tag --list 'a0017#dev#*' --sort=-creatordate)
            if ($tags.Count -gt 1) { git -C $WriteRepository tag -d $tags[0] | Out-Null }
        }
        GitMs = Measure-Case { git -C $repo for-each-ref "--format=$gitFormat" refs/tags | Out-Null }
    }
    $result | ConvertTo-Json -Compress
    return
}

# --- parent -----------------------------------------------------------------------------------------
function Write-Note([string] $text) { [Console]::Error.WriteLine('[bench] ' + $text) }
$a, $v, $s = $Size.Split('x') | ForEach-Object { [int]::Parse($_, $inv) }
$tags = $a * ($v + $s)
$repo = [System.IO.Path]::GetFullPath((Join-Path $CachePath "registry-$Size"))
$marker = Join-Path $repo '.git/gto-bench.json'
if (-not (Test-Path -LiteralPath $marker) -or (Get-Content -LiteralPath $marker -Raw | ConvertFrom-Json).Tags -ne $tags) {
    Write-Note "generating $Size ($tags tags) in $repo"
    $null = & (Join-Path $PSScriptRoot 'New-BenchRegistry.ps1') -Path $repo -Artifacts $a -VersionsPerArtifact $v -StagesPerArtifact $s -Force
}
# Writes go to a copy, so the measured registry keeps its 13,000 tags.
$writeRepo = "$repo-write"
if (Test-Path -LiteralPath $writeRepo) { Remove-Item -LiteralPath $writeRepo -Recurse -Force }
Copy-Item -LiteralPath $repo -Destination $writeRepo -Recurse
$env:GIT_COMMITTER_NAME = 'Bench'; $env:GIT_COMMITTER_EMAIL = 'bench@example.com'

$pwshExe = (Get-Process -Id $PID).Path
$prefix = @()
if ([System.IO.Path]::GetFileNameWithoutExtension($pwshExe) -eq 'dotnet') { $prefix = @(Join-Path $PSHOME 'pwsh.dll') }
# `pwsh -File` hands a list over as one comma-separated string.
$modules = @($ModulePath | ForEach-Object { $_ -split ',' } | ForEach-Object { [System.IO.Path]::GetFullPath($_) })
$runs = @{}
foreach ($m in $modules) { $runs[$m] = [System.Collections.Generic.List[object]]::new() }
foreach ($round in 1..$Rounds) {
    foreach ($m in $modules) {
        Write-Note "round $round, $m"
        $json = & $pwshExe @prefix -NoProfile -File $PSCommandPath -Child -ModulePath $m -Repository $repo -WriteRepository $writeRepo -Iterations $Iterations
        if ($LASTEXITCODE -ne 0) { throw "the child for $m failed" }
        $runs[$m].Add(($json | Select-Object -Last 1 | ConvertFrom-Json))
    }
}
Remove-Item -LiteralPath $writeRepo -Recurse -Force

$cases = [ordered]@{
    TabNamesMs = 'Tab: artifact names (median per Tab after the first)'
    FirstTabMs = 'Tab: the first one'
    TabVersionsMs = 'Tab: versions of one artifact'
    ArtifactMs = 'Get-GtoArtifact'
    LatestMs = 'Get-GtoVersion a0017@latest'
    StageMs = 'Get-GtoVersion a0017 -Stage prod'
    HistoryMs = 'Get-GtoHistory'
    HistoryPipedMs = '100 artifacts piped into Get-GtoHistory'
    WriteMs = 'Set-GtoStage (a write)'
    GitMs = 'git for-each-ref (same fields)'
}
$lines = [System.Collections.Generic.List[string]]::new()
$lines.Add("Measured $([DateTimeOffset]::UtcNow.ToString('yyyy-MM-dd HH:mm', $inv)) UTC on $([Environment]::ProcessorCount) cores (load average $((Get-Content /proc/loadavg -ErrorAction SilentlyContinue) -split ' ' | Select-Object -First 3)), registry $Size ($($tags.ToString('N0', $inv)) tags), $Rounds rounds x $Iterations calls; ms are medians over the rounds, ratio = ms / for-each-ref ms of the same child.")
$lines.Add('')
$lines.Add('| case | ' + (($modules | ForEach-Object { "$_ ms | ratio" }) -join ' | ') + ' |')
$lines.Add('|---|' + (($modules | ForEach-Object { '---:|---:' }) -join '|') + '|')
foreach ($case in $cases.Keys) {
    $cells = foreach ($m in $modules) {
        $ms = Get-Median @($runs[$m] | ForEach-Object { $_.$case })
        $ratio = Get-Median @($runs[$m] | ForEach-Object { $_.$case / $_.GitMs })
        "$($ms.ToString('N0', $inv)) | $($ratio.ToString('N2', $inv))"
    }
    $lines.Add("| $($cases[$case]) | $($cells -join ' | ') |")
}
$lines.Add('')
$lines.Add("Artifact names offered per Tab: $(($modules | ForEach-Object { ($runs[$_] | Select-Object -First 1).Offered }) -join ', ').")
if ($OutFile) { Set-Content -LiteralPath $OutFile -Value $lines -Encoding utf8NoBOM }
$lines
