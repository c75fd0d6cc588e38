<#
.SYNOPSIS
    Generates a GTO artifact registry of a given size with `git fast-import`, for benchmarks.

.DESCRIPTION
    Creates a new git repository at -Path holding -Artifacts artifacts (a001, a002, ...), each
    with -VersionsPerArtifact registered versions and -StagesPerArtifact stage assignments, the
    way GTO 1.10 writes them:

    * one commit per artifact version (version-major order, so artifacts interleave in history as
      they would in a real project); each commit changes models/<artifact>.txt, so every
      registration points at a distinct commit;
    * the first commit also adds an artifacts.yaml with an entry for every artifact
      (type, path, labels, description);
    * an annotated registration tag `a017@v0.0.1` per version, message
      `Registering artifact a017 version v0.0.1`;
    * StagesPerArtifact annotated assignment tags per artifact in GTO's counter form
      (`a017#dev#1`, `a017#staging#2`, `a017#prod#3`, ...): the first stage goes to the newest
      version, the next to the one before, and so on; message
      `Assigning stage dev to artifact a017 version v0.0.10`.

    Tagger and committer are `GTO Tester <tester@example.com>`, with increasing timestamps
    (base epoch + 1 s per object, +0000). Tag count = Artifacts * (VersionsPerArtifact + StagesPerArtifact):
    200 x (10 + 3) = 2,600; 770 x (10 + 3) = 10,010.

    Git runs with an isolated HOME and GIT_CONFIG_NOSYSTEM=1, so no user or system configuration
    leaks in; identity is set in the repository's local config. Refs are packed (as in a fresh
    clone) unless -LooseRefs is given.

.EXAMPLE
    ./bench/New-BenchRegistry.ps1 -Path /tmp/reg-2600 -Artifacts 200 -VersionsPerArtifact 10 -StagesPerArtifact 3
#>
#Requires -Version 7.2
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $Path,

    [ValidateRange(1, 100000)]
    [int] $Artifacts = 200,

    [ValidateRange(1, 10000)]
    [int] $VersionsPerArtifact = 10,

    [ValidateRange(0, 100)]
    [int] $StagesPerArtifact = 3,

    # Keep the refs loose (one file per tag) instead of packing them.
    [switch] $LooseRefs,

    # Replace an existing directory at -Path.
    [switch] $Force
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

if ($StagesPerArtifact -gt $VersionsPerArtifact) {
    throw "StagesPerArtifact ($StagesPerArtifact) cannot exceed VersionsPerArtifact ($VersionsPerArtifact): each stage goes to a different version."
}

$Path = [System.IO.Path]::GetFullPath($Path, (Get-Location -PSProvider FileSystem).ProviderPath)
if (Test-Path -LiteralPath $Path) {
    if (-not $Force -and @(Get-ChildItem -LiteralPath $Path -Force).Count -gt 0) {
        throw "'$Path' exists and is not empty; use -Force to replace it."
    }
    Remove-Item -LiteralPath $Path -Recurse -Force
}
$null = New-Item -ItemType Directory -Path $Path

$inv = [System.Globalization.CultureInfo]::InvariantCulture
$stageNames = @('dev', 'staging', 'prod', 'qa', 'canary', 'perf', 'shadow', 'beta', 'edge', 'archive')
function Get-StageName([int] $i) {
    if ($i -lt $stageNames.Count) { $stageNames[$i] } else { 'stage' + $i.ToString($inv) }
}
$digits = [Math]::Max(3, $Artifacts.ToString($inv).Length)
$names = [string[]]::new($Artifacts)
for ($a = 0; $a -lt $Artifacts; $a++) { $names[$a] = 'a' + ($a + 1).ToString('D' + $digits, $inv) }

# --- isolated git environment --------------------------------------------------------------
$isolatedHome = Join-Path ([System.IO.Path]::GetTempPath()) ('gto-bench-home-' + [guid]::NewGuid().ToString('N'))
$null = New-Item -ItemType Directory -Path $isolatedHome
$saved = @{}
$gitEnv = @{ HOME = $isolatedHome; XDG_CONFIG_HOME = $isolatedHome; GIT_CONFIG_NOSYSTEM = '1'; TZ = 'UTC'; LC_ALL = 'C' }
foreach ($k in $gitEnv.Keys) {
    $saved[$k] = [Environment]::GetEnvironmentVariable($k)
    [Environment]::SetEnvironmentVariable($k, $gitEnv[$k])
}

function Invoke-Git {
    param([string[]] $Arguments, [byte[]] $StandardInput)
    $psi = [System.Diagnostics.ProcessStartInfo]::new('git')
    foreach ($arg in @('-C', $Path) + $Arguments) { $psi.ArgumentList.Add($arg) }
    $psi.UseShellExecute = $false
    $psi.RedirectStandardInput = $null -ne $StandardInput
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $p = [System.Diagnostics.Process]::Start($psi)
    $errTask = $p.StandardError.ReadToEndAsync()
    $outTask = $p.StandardOutput.ReadToEndAsync()
    if ($null -ne $StandardInput) {
        $p.StandardInput.BaseStream.Write($StandardInput, 0, $StandardInput.Length)
        $p.StandardInput.Close()
    }
    $p.WaitForExit()
    if ($p.ExitCode -ne 0) {
        throw "git $($Arguments -join ' ') failed ($($p.ExitCode)): $($errTask.Result)"
    }
    $outTask.Result
}

$sw = [System.Diagnostics.Stopwatch]::StartNew()
try {
    $null = Invoke-Git @('init', '-q', '-b', 'main')
    $null = Invoke-Git @('config', 'user.name', 'GTO Tester')
    $null = Invoke-Git @('config', 'user.email', 'tester@example.com')

    # --- the fast-import stream ------------------------------------------------------------
    $who = 'GTO Tester <tester@example.com>'
    $epoch = [long] 1700000000
    $clock = [long] 0
    $mark = 0
    $sb = [System.Text.StringBuilder]::new(1MB)
    $utf8 = [System.Text.UTF8Encoding]::new($false)

    function Add-Data([string] $text) {
        # fast-import counts bytes; all generated text is ASCII, but count properly anyway.
        $null = $sb.Append('data ').Append($utf8.GetByteCount($text).ToString($inv)).Append("`n").Append($text).Append("`n")
    }
    function Next-Time {
        $script:clock++
        ($epoch + $script:clock).ToString($inv) + ' +0000'
    }

    $yaml = [System.Text.StringBuilder]::new()
    foreach ($n in $names) {
        $null = $yaml.Append("${n}:`n  type: model`n  path: models/$n.pkl`n  virtual: false`n  labels:`n  - bench`n  description: Benchmark model $n`n")
    }

    # commitMark[a][v] = mark of the commit of artifact a, version index v (0-based)
    $commitMark = [int[][]]::new($Artifacts)
    for ($a = 0; $a -lt $Artifacts; $a++) { $commitMark[$a] = [int[]]::new($VersionsPerArtifact) }

    $first = $true
    for ($v = 0; $v -lt $VersionsPerArtifact; $v++) {
        $version = 'v0.0.' + ($v + 1).ToString($inv)
        for ($a = 0; $a -lt $Artifacts; $a++) {
            $n = $names[$a]
            $mark++
            $when = Next-Time
            $null = $sb.Append("commit refs/heads/main`nmark :$mark`nauthor $who $when`ncommitter $who $when`n")
            Add-Data "Train $n $version`n"
            if ($first) {
                $null = $sb.Append("M 100644 inline artifacts.yaml`n")
                Add-Data $yaml.ToString()
                $first = $false
            }
            $null = $sb.Append("M 100644 inline models/$n.txt`n")
            Add-Data "$n $version`n"
            $null = $sb.Append("`n")
            $commitMark[$a][$v] = $mark

            # the registration tag, right after its commit
            $null = $sb.Append("tag $n@$version`nfrom :$mark`ntagger $who $(Next-Time)`n")
            Add-Data "Registering artifact $n version $version`n"
        }
    }

    # stage assignments: counter form, counters 1..StagesPerArtifact per artifact (registrations are simple tags)
    for ($s = 0; $s -lt $StagesPerArtifact; $s++) {
        $stage = Get-StageName $s
        $v = $VersionsPerArtifact - 1 - $s
        $version = 'v0.0.' + ($v + 1).ToString($inv)
        for ($a = 0; $a -lt $Artifacts; $a++) {
            $n = $names[$a]
            $counter = ($s + 1).ToString($inv)
            $null = $sb.Append("tag $n#$stage#$counter`nfrom :$($commitMark[$a][$v])`ntagger $who $(Next-Time)`n")
            Add-Data "Assigning stage $stage to artifact $n version $version`n"
        }
    }
    $null = $sb.Append("done`n")

    $null = Invoke-Git @('fast-import', '--quiet', '--done') -StandardInput $utf8.GetBytes($sb.ToString())
    $null = Invoke-Git @('reset', '-q', '--hard', 'main')
    if (-not $LooseRefs) { $null = Invoke-Git @('pack-refs', '--all') }

    $tagCount = @((Invoke-Git @('for-each-ref', '--format=%(refname)', 'refs/tags')) -split "`n" | Where-Object { $_ }).Count
    $expected = $Artifacts * ($VersionsPerArtifact + $StagesPerArtifact)
    if ($tagCount -ne $expected) { throw "Expected $expected tags, found $tagCount." }

    $info = [ordered]@{
        Path                = $Path
        Artifacts           = $Artifacts
        VersionsPerArtifact = $VersionsPerArtifact
        StagesPerArtifact   = $StagesPerArtifact
        Tags                = $tagCount
        Commits             = $Artifacts * $VersionsPerArtifact
        PackedRefs          = -not $LooseRefs
        Seconds             = [Math]::Round($sw.Elapsed.TotalSeconds, 2)
    }
    # A marker inside .git (not in the work tree) lets Measure-Gto.ps1 reuse a complete registry.
    $info | ConvertTo-Json | Set-Content -LiteralPath (Join-Path $Path '.git/gto-bench.json') -Encoding utf8NoBOM
    [pscustomobject] $info
}
finally {
    foreach ($k in $saved.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) }
    Remove-Item -LiteralPath $isolatedHome -Recurse -Force -ErrorAction SilentlyContinue
}
