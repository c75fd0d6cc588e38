<#
.SYNOPSIS
    Benchmarks Get-GtoArtifact against `git for-each-ref` and measures whole-process time.

.DESCRIPTION
    For each registry size (ARTIFACTSxVERSIONSxSTAGES, e.g. 200x10x3 = 2,600 tags), generates a
    registry with New-BenchRegistry.ps1 (or reuses the one cached under bench/results/), then, all
    in this one PowerShell process:

    * imports the built module (out/Gto/Gto.psd1) and warms up (-WarmUp calls) per registry;
    * times `Get-GtoArtifact -Repository <repo>` -Iterations times in-process (median);
    * times `git for-each-ref --format='%(refname) %(objectname) %(*objectname) %(taggername)
      %(taggeremail) %(taggerdate:raw) %(contents)' refs/tags` -Iterations times (median; process
      start to exit, all output read), i.e. git itself reading the same tag fields;
    * reports the ratio of the two medians;
    * times a whole process, `pwsh -NoProfile -c "Import-Module <psd1>; Get-GtoArtifact
      -Repository <repo> | Out-Null"` (median), started with the same pwsh that runs this script.

    Interleaved with those whole-process runs (exit, import, full, exit, import, full, ...) it
    times the baselines `pwsh -NoProfile -c exit` and `pwsh -NoProfile -c "Import-Module <psd1>"`,
    so the module's own share of the process time is visible and all three see the same noise.

    The machine is shared and noisy: compare figures measured in the same run, not across runs.
    Progress goes to stderr; the markdown result goes to stdout (and to -OutFile if given).
    If the module is not built (or has no Get-GtoArtifact), the Gto columns read n/a and only git
    and the baselines are measured.

.EXAMPLE
    dotnet pwsh -NoProfile -File ./bench/Measure-Gto.ps1
.EXAMPLE
    dotnet pwsh -NoProfile -File ./bench/Measure-Gto.ps1 -Sizes 200x10x3,770x10x3 -Iterations 9 -OutFile bench/results/latest.md
#>
#Requires -Version 7.2
[CmdletBinding()]
param(
    # Registry sizes as ARTIFACTSxVERSIONSxSTAGES. Tags = ARTIFACTS * (VERSIONS + STAGES).
    [ValidatePattern('^\d+x\d+x\d+$')]
    [string[]] $Sizes = @('200x10x3', '770x10x3'),

    [ValidateRange(1, 1000)]
    [int] $Iterations = 5,

    # Untimed Get-GtoArtifact calls per registry before timing. .NET's tiered JIT needs a few
    # calls to reach steady state; the whole-process figure is the cold-start number.
    [ValidateRange(1, 1000)]
    [int] $WarmUp = 3,

    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/Gto/Gto.psd1'),

    # Where generated registries are cached (git-ignored).
    [string] $CachePath = (Join-Path $PSScriptRoot 'results'),

    # Also write the markdown result to this file.
    [string] $OutFile,

    # Regenerate registries even when a cached one exists.
    [switch] $Regenerate
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$inv = [System.Globalization.CultureInfo]::InvariantCulture

function Write-Progress2([string] $text) { [Console]::Error.WriteLine('[bench] ' + $text) }

function Get-Median([double[]] $values) {
    $s = [double[]]($values | Sort-Object)
    $n = $s.Count
    if ($n % 2 -eq 1) { $s[($n - 1) / 2] } else { ($s[$n / 2 - 1] + $s[$n / 2]) / 2 }
}

function Format-Ms([object] $ms) {
    if ($null -eq $ms) { 'n/a' } else { ([double]$ms).ToString('N0', $inv) }
}

function Quote-Ps([string] $s) { "'" + $s.Replace("'", "''") + "'" }

# Runs a process to completion, reading all its output; returns elapsed ms (and the output when asked).
function Invoke-Timed {
    param([string] $FilePath, [string[]] $Arguments, [switch] $KeepOutput)
    $psi = [System.Diagnostics.ProcessStartInfo]::new($FilePath)
    foreach ($a in $Arguments) { $psi.ArgumentList.Add($a) }
    $psi.UseShellExecute = $false
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $sw = [System.Diagnostics.Stopwatch]::StartNew()
    $p = [System.Diagnostics.Process]::Start($psi)
    $errTask = $p.StandardError.ReadToEndAsync()
    $out = $p.StandardOutput.ReadToEnd()
    $p.WaitForExit()
    $sw.Stop()
    if ($p.ExitCode -ne 0) {
        throw "'$FilePath $($Arguments -join ' ')' exited with $($p.ExitCode): $($errTask.Result)"
    }
    [pscustomobject]@{ Ms = $sw.Elapsed.TotalMilliseconds; Output = if ($KeepOutput) { $out } else { $null } }
}

function Measure-Median {
    param([scriptblock] $Action, [int] $Count)
    $times = foreach ($i in 1..$Count) {
        [GC]::Collect()
        [GC]::WaitForPendingFinalizers()
        & $Action
    }
    Get-Median $times
}

# --- the pwsh that runs this script (under `dotnet pwsh` the process is dotnet + pwsh.dll) -------
$pwshExe = (Get-Process -Id $PID).Path
$pwshPrefix = @()
if ([System.IO.Path]::GetFileNameWithoutExtension($pwshExe) -eq 'dotnet') {
    $pwshPrefix = @(Join-Path $PSHOME 'pwsh.dll')
}
$pwshDisplay = (@($pwshExe) + $pwshPrefix) -join ' '
# Times several `pwsh -NoProfile -c <command>` processes, interleaved (a, b, c, a, b, c, ...) so that
# machine noise hits them alike; returns the median ms of each, in order.
function Measure-Pwsh([string[]] $Commands) {
    $times = @{}
    foreach ($c in 0..($Commands.Count - 1)) { $times[$c] = [System.Collections.Generic.List[double]]::new() }
    foreach ($i in 1..$Iterations) {
        for ($c = 0; $c -lt $Commands.Count; $c++) {
            $times[$c].Add((Invoke-Timed $pwshExe ($pwshPrefix + @('-NoProfile', '-c', $Commands[$c]))).Ms)
        }
    }
    foreach ($c in 0..($Commands.Count - 1)) { Get-Median $times[$c].ToArray() }
}

# --- module ------------------------------------------------------------------------------------
$ModulePath = [System.IO.Path]::GetFullPath($ModulePath)
$moduleOk = $false
if (Test-Path -LiteralPath $ModulePath) {
    try {
        Import-Module -Name $ModulePath -Force
        $moduleOk = $null -ne (Get-Command -Name Get-GtoArtifact -Module Gto -ErrorAction SilentlyContinue)
        if (-not $moduleOk) { Write-Warning "The module at $ModulePath has no Get-GtoArtifact; measuring git and baselines only." }
    }
    catch { Write-Warning "Import-Module $ModulePath failed: $_; measuring git and baselines only." }
}
else {
    Write-Warning "No built module at $ModulePath (run: dotnet pwsh -NoProfile -File ./build.ps1 Build); measuring git and baselines only."
}

$gitExe = (Get-Command -Name git -CommandType Application | Select-Object -First 1).Source
$gitFormat = '%(refname) %(objectname) %(*objectname) %(taggername) %(taggeremail) %(taggerdate:raw) %(contents)'

# --- warm the file cache for the process runs ---------------------------------------------------
Write-Progress2 "pwsh: $pwshDisplay ($($PSVersionTable.PSVersion)); iterations: $Iterations"
$importCmd = 'Import-Module ' + (Quote-Ps $ModulePath)
$null = Invoke-Timed $pwshExe ($pwshPrefix + @('-NoProfile', '-c', 'exit'))
if ($moduleOk) { $null = Invoke-Timed $pwshExe ($pwshPrefix + @('-NoProfile', '-c', $importCmd)) }

# --- per size ----------------------------------------------------------------------------------
$rows = foreach ($size in $Sizes) {
    $a, $v, $s = $size.Split('x') | ForEach-Object { [int]::Parse($_, $inv) }
    $tags = $a * ($v + $s)
    $repo = [System.IO.Path]::GetFullPath((Join-Path $CachePath "registry-$size"))
    $marker = Join-Path $repo '.git/gto-bench.json'
    $fresh = $Regenerate -or -not (Test-Path -LiteralPath $marker) -or
        ((Get-Content -LiteralPath $marker -Raw | ConvertFrom-Json).Tags -ne $tags)
    $genSeconds = $null
    if ($fresh) {
        Write-Progress2 "generating $size ($tags tags) in $repo"
        $gen = & (Join-Path $PSScriptRoot 'New-BenchRegistry.ps1') -Path $repo -Artifacts $a -VersionsPerArtifact $v -StagesPerArtifact $s -Force
        $genSeconds = $gen.Seconds
    }
    else { Write-Progress2 "reusing $repo ($tags tags)" }

    # git for-each-ref: warm up, check, measure
    $gitArgs = @('-C', $repo, 'for-each-ref', "--format=$gitFormat", 'refs/tags')
    $warm = Invoke-Timed $gitExe $gitArgs -KeepOutput
    $seen = ([regex]::Matches($warm.Output, '(?m)^refs/tags/')).Count
    if ($seen -ne $tags) { Write-Warning "for-each-ref listed $seen tags in $repo, expected $tags." }
    $gitMs = Measure-Median -Count $Iterations -Action { (Invoke-Timed $gitExe $gitArgs).Ms }
    Write-Progress2 ("{0}: for-each-ref {1} ms" -f $size, (Format-Ms $gitMs))

    $gtoMs = $null; $procMs = $null; $ratio = $null; $importMs = $null; $phaseText = 'n/a'
    if ($moduleOk) {
        foreach ($i in 1..$WarmUp) {
            $result = @(Get-GtoArtifact -Repository $repo)
            if ($i -eq 1 -and $result.Count -ne $a) { Write-Warning "Get-GtoArtifact returned $($result.Count) artifacts for $repo, expected $a." }
        }
        $result = $null
        # The engine reports its own phases on the debug stream ("Read timings: read X ms, fold Y ms.");
        # it is captured with the output and split off after the clock stops.
        $phases = [System.Collections.Generic.List[double[]]]::new()
        $gtoMs = Measure-Median -Count $Iterations -Action {
            $DebugPreference = 'Continue'
            $sw = [System.Diagnostics.Stopwatch]::StartNew()
            $r = Get-GtoArtifact -Repository $repo 5>&1
            $sw.Stop()
            foreach ($rec in $r) {
                if ($rec -is [System.Management.Automation.DebugRecord] -and
                    $rec.Message -match 'read ([\d.]+) ms, fold ([\d.]+) ms') {
                    $phases.Add([double[]]@([double]::Parse($Matches[1], $inv), [double]::Parse($Matches[2], $inv)))
                }
            }
            $r = $null
            $sw.Elapsed.TotalMilliseconds
        }
        $phaseText = 'n/a'
        if ($phases.Count -gt 0) {
            $phaseText = (0..1 | ForEach-Object { $k = $_; Format-Ms (Get-Median ($phases | ForEach-Object { $_[$k] })) }) -join ' / '
        }
        $ratio = $gtoMs / $gitMs
        $cmd = 'Import-Module ' + (Quote-Ps $ModulePath) + '; Get-GtoArtifact -Repository ' + (Quote-Ps $repo) + ' | Out-Null'
        $null = Invoke-Timed $pwshExe ($pwshPrefix + @('-NoProfile', '-c', $cmd))
        $exitMs, $importMs, $procMs = Measure-Pwsh @('exit', $importCmd, $cmd)
        Write-Progress2 ("{0}: Get-GtoArtifact {1} ms, ratio {2:N2}, whole process {3} ms (exit {4} ms, import only {5} ms)" -f
            $size, (Format-Ms $gtoMs), $ratio, (Format-Ms $procMs), (Format-Ms $exitMs), (Format-Ms $importMs))
    }
    else {
        $exitMs = Measure-Pwsh @('exit')
        Write-Progress2 ("{0}: pwsh -c exit {1} ms" -f $size, (Format-Ms $exitMs))
    }

    [pscustomobject]@{
        Size = $size; Artifacts = $a; Tags = $tags; GtoMs = $gtoMs; Phases = $phaseText; GitMs = $gitMs; Ratio = $ratio
        ProcessMs = $procMs; ExitMs = $exitMs; ImportMs = $importMs; GeneratedSeconds = $genSeconds
    }
}

# --- report ------------------------------------------------------------------------------------
$gitVersion = (& $gitExe --version).Trim()
$lines = [System.Collections.Generic.List[string]]::new()
$lines.Add("Measured $([DateTimeOffset]::Now.ToString('yyyy-MM-dd HH:mm zzz', $inv)) on $([Environment]::ProcessorCount) cores, " +
    "$([System.Runtime.InteropServices.RuntimeInformation]::OSDescription), PowerShell $($PSVersionTable.PSVersion) on " +
    "$([System.Runtime.InteropServices.RuntimeInformation]::FrameworkDescription), $gitVersion; median of $Iterations runs after $WarmUp warm-up calls.")
$lines.Add('')
$lines.Add('| registry (artifacts x versions x stages) | tags | Get-GtoArtifact ms | engine read / fold ms | for-each-ref ms | ratio | whole process ms | baseline `-c exit` ms | `-c Import-Module` ms | process minus baseline ms |')
$lines.Add('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
foreach ($r in $rows) {
    $ratioText = if ($null -eq $r.Ratio) { 'n/a' } else { $r.Ratio.ToString('N2', $inv) }
    $extra = if ($null -eq $r.ProcessMs) { $null } else { $r.ProcessMs - $r.ExitMs }
    $lines.Add("| $($r.Size) | $($r.Tags.ToString('N0', $inv)) | $(Format-Ms $r.GtoMs) | $($r.Phases) | $(Format-Ms $r.GitMs) | $ratioText | $(Format-Ms $r.ProcessMs) | $(Format-Ms $r.ExitMs) | $(Format-Ms $r.ImportMs) | $(Format-Ms $extra) |")
}
$lines.Add('')
$lines.Add('Engine phases: the engine''s own debug timings (read: one streamed git for-each-ref parsed as it arrives; fold: events into state), medians over the timed calls; the rest of the Get-GtoArtifact time is building the output objects and PowerShell.')
$lines.Add("Whole-process columns: ``pwsh -NoProfile -c <command>`` started as ``$pwshDisplay`` (the pwsh running the benchmark); " +
    'the three process kinds are run interleaved, so they share the same machine noise.')
if ($moduleOk) {
    $big = $rows | Where-Object Tags -GE 10000 | Select-Object -First 1
    $mid = $rows | Where-Object Tags -EQ 2600 | Select-Object -First 1
    if ($big) { $lines.Add("Target ratio <= 2 at $($big.Tags.ToString('N0', $inv)) tags: $($big.Ratio.ToString('N2', $inv)) ($(if ($big.Ratio -le 2) { 'met' } else { 'NOT met' })).") }
    if ($mid) { $lines.Add("Target whole process < 1,500 ms at 2,600 tags: $(Format-Ms $mid.ProcessMs) ms ($(if ($mid.ProcessMs -lt 1500) { 'met' } else { 'NOT met' })).") }
}
else {
    $lines.Add('Get-GtoArtifact was not available (module not built), so only git and the pwsh baseline were measured.')
}

if ($OutFile) {
    $dir = Split-Path -Parent ([System.IO.Path]::GetFullPath($OutFile))
    if ($dir -and -not (Test-Path -LiteralPath $dir)) { $null = New-Item -ItemType Directory -Path $dir }
    Set-Content -LiteralPath $OutFile -Value $lines -Encoding utf8NoBOM
}
$lines
