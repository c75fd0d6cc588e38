#Requires -Version 7.2
<#
.SYNOPSIS
    The read cases of the golden read side (Golden.Tests.ps1): one per read GTO 1.10.1 recorded
    of a scenario's final repository (reads.json), plus the read steps of scenario.json whose
    result does not depend on the intermediate state, each translated into a cmdlet call
    (GtoCommandLine.psm1) with what to expect of it: GTO's JSON to compare, an error, a
    rejection, or a warning where GTO crashed.
#>
Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot 'GoldenData.psm1')
Import-Module (Join-Path $PSScriptRoot 'GtoCommandLine.psm1')

# Reads of scenarios whose final registry GTO 1.10.1 cannot read at all because of a GTO
# crash bug. Ours reads past the offending tag/file/event and warns; the warning must name
# the cause. Key: scenario name; value: regex the warning text must match.
$script:CrashScenarios = @{
    '17-created-tag-crash'      = '@created'
    '21-corrupt-artifacts-yaml' = 'artifacts\.yaml'
    '25-many-versions-poison'   = 'Multiple versions'
}

# Crash scenarios where GTO recorded the registry just before it became unreadable (a `gto`
# read step): reading the final repository with the offending item skipped must give the same
# result for that artifact. 25: steps 3 and 4 ran before the tag 'p#prod#1' (the second version
# on one commit) was created; only 'q@v0.0.1' (another artifact) came in between.
$script:CrashAnchors = @{
    '25-many-versions-poison' = @(
        @{ Step = 3; Artifact = 'p' }
        @{ Step = 4; Artifact = 'p' }
    )
}

function Get-GoldenScenario {
    <#
    .SYNOPSIS
        Lists the scenarios (Get-GoldenScenarioFolder) with their read cases, for Pester discovery.
        Each: @{ Name; Path; Cases = @(case hashtables); Excluded = @(...) }.
    #>
    [CmdletBinding()]
    param()
    foreach ($dir in Get-GoldenScenarioFolder) {
        $all = @(Get-GoldenReadCase -ScenarioPath $dir.FullName)
        @{
            Name     = $dir.Name
            Path     = $dir.FullName
            Cases    = @($all | Where-Object { $_.Mode -ne 'Exclude' })
            Excluded = @($all | Where-Object { $_.Mode -eq 'Exclude' })
        }
    }
}

function Get-GoldenReadCase {
    <#
    .SYNOPSIS
        One case per recorded read of a scenario (reads.json), plus the read steps of scenario.json
        that target a non-repository, a missing path or a missing artifact.
        Case keys: Scenario, Label, GtoArgs, Mode (Compare | Reject | Error | Warn | Skip | Exclude),
        Command, Parameters, Shape, Key, Expected (JSON text), Cwd, RepoArg, ErrorId, Terminating,
        MessageLike, WarningPattern, Reason.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)][string] $ScenarioPath)
    $scenario = Split-Path -Leaf $ScenarioPath
    $definition = Read-GoldenJson -Path (Join-Path $ScenarioPath 'scenario.json')
    # The working directory of a read is in reads.json ("cwd") or, for extra reads, in
    # scenario.json "extra_reads" (28-showcase runs one read in models/).
    $cwdByLabel = @{}
    if ($definition.Contains('extra_reads')) {
        foreach ($extra in @($definition.extra_reads)) {
            if ($extra -is [System.Collections.IDictionary] -and $extra.Contains('cwd') -and $extra.Contains('label')) { $cwdByLabel[$extra.label] = $extra.cwd }
        }
    }
    $reads = Read-GoldenJson -Path (Join-Path $ScenarioPath 'reads.json')
    foreach ($label in $reads.Keys) {
        $read = $reads[$label]
        $cwd = if ($read.Contains('cwd')) { $read.cwd } elseif ($cwdByLabel.ContainsKey($label)) { $cwdByLabel[$label] } else { $null }
        $stdout = if ($read.Contains('stdout_file') -and $read.stdout_file) {
            [IO.File]::ReadAllText((Join-Path $ScenarioPath $read.stdout_file))
        }
        else { [string]$read.stdout }
        New-GoldenCase -Scenario $scenario -Label $label -GtoArgs @($read.args) -ExitCode $read.exit_code `
            -Stdout $stdout -Stderr ([string]$read.stderr) -Cwd $cwd
    }
    # Read steps of scenario.json whose result does not depend on the intermediate state.
    for ($i = 0; $i -lt $definition.steps.Count; $i++) {
        $step = $definition.steps[$i]
        if ($step.op -ne 'gto') { continue }
        $gtoArgs = @($step.gto_args)
        if (-not $gtoArgs.Count -or $gtoArgs[0] -notin 'show', 'history', 'stages', 'check-ref', 'parse-tag') { continue }
        $stderr = [string]$step.expect.stderr
        $joined = $gtoArgs -join ' '
        $keep = $joined -match '\{NONREPO\}|\{MISSING_PATH\}' -or $stderr -match 'Cannot find artifact' -or $stderr -match 'Cannot parse tag name'
        if (-not $keep) { continue }
        New-GoldenCase -Scenario $scenario -Label "step $i" -GtoArgs $gtoArgs -ExitCode $step.expect.exit_code `
            -Stdout ([string]$step.expect.stdout) -Stderr $stderr -Cwd $null
    }
    # Crash scenarios: the state recorded before the registry broke, for one artifact.
    foreach ($anchor in @($script:CrashAnchors[$scenario])) {
        if (-not $anchor) { continue }
        $step = $definition.steps[$anchor.Step]
        $case = New-GoldenCase -Scenario $scenario -Label "step $($anchor.Step)" -GtoArgs @($step.gto_args) -ExitCode 0 `
            -Stdout ([string]$step.expect.stdout) -Stderr '' -Cwd $null
        $case.Title = "step $($anchor.Step): gto $(@($step.gto_args) -join ' ') (before the registry broke), artifact $($anchor.Artifact), with a warning"
        $case.Mode = 'Warn'
        $case.WarningPattern = $script:CrashScenarios[$scenario]
        $case.OnlyArtifact = $anchor.Artifact
        $case
    }
}

function New-GoldenCase {
    param([string] $Scenario, [string] $Label, [string[]] $GtoArgs, [int] $ExitCode, [string] $Stdout, [string] $Stderr, [string] $Cwd)
    $inv = ConvertTo-GtoCall -ArgumentList $GtoArgs
    $case = @{
        Scenario       = $Scenario
        Label          = $Label
        GtoArgs        = $GtoArgs
        Title          = ($Label -replace '^(text|extra|check-ref):', '$1 ') + $(if ($Label -like 'step *') { ': gto ' + ($GtoArgs -join ' ') } else { '' })
        Mode           = $null
        Command        = $inv.Command
        Parameters     = $inv.Parameters
        Shape          = $inv.Shape
        Key            = $inv.Key
        Expected       = $null
        Cwd            = $Cwd
        RepoArg        = $inv.Repo
        ErrorId        = $null
        Terminating    = $false
        MessageLike    = $null
        WarningPattern = $null
        OnlyArtifact   = $null
        Reason         = $null
    }
    $crash = $script:CrashScenarios[$Scenario]
    # 1. What GTO did not run as a registry read at all.
    if ($inv.Unsupported) {
        $case.Mode = 'Exclude'; $case.Reason = $inv.Unsupported
        # An artifact that does not exist is an error of the same meaning whatever the output format.
        if ($ExitCode -ne 0 -and $Stderr -match 'Cannot find artifact' -and $inv.Command -eq 'Get-GtoVersion' -and $inv.Unsupported -like 'console*') {
            $case.Mode = $null; $case.Reason = $null
        }
        elseif ($ExitCode -ne 0 -and $Stderr -match 'is not a git repository|Failed to clone' -and $inv.Command) {
            $case.Mode = $null; $case.Reason = $null
        }
        else { return $case }
    }
    if ($inv.Shape -eq 'ParsedTagKey' -and $ExitCode -ne 0) {
        $case.Mode = 'Exclude'; $case.Reason = "CLI quirk: parse-tag --key of a missing key crashes (KeyError); the object's property is just null"
        return $case
    }
    if ($case.Parameters.Contains('Name') -and $case.Parameters.Name -match '[*?\[]') {
        $case.Mode = 'Exclude'; $case.Reason = "by design: '$($case.Parameters.Name)' is a wildcard pattern for -Name in PowerShell"
        return $case
    }
    # 2. Remote repositories (-r {ORIGIN_URL}) are read through a temporary clone, like any other read.
    # 3. Failures.
    if ($ExitCode -ne 0) {
        if ($Stderr -match 'is not a git repository|Failed to clone') {
            $case.Mode = 'Error'; $case.ErrorId = 'NotARepository'
        }
        elseif ($Stderr -match 'Wrong config file') {
            $case.Mode = 'Error'; $case.ErrorId = 'InvalidConfig'; $case.Terminating = $true
            if ($Stderr -match "Wrong config file '([^']+)'") { $case.MessageLike = $Matches[1] }
        }
        elseif ($crash) {
            $case.Mode = 'Warn'; $case.WarningPattern = $crash
        }
        elseif ($Stderr -match 'Cannot find artifact') {
            $case.Mode = 'Error'; $case.ErrorId = 'ArtifactNotFound'
        }
        elseif ($Stderr -match 'Cannot parse tag name') {
            $case.Mode = 'Reject'
        }
        elseif ($Stderr -match "must be >= ?-1") {
            # --av/--vs below -1: a parameter validation error (any error id), no output.
            $case.Mode = 'Error'; $case.ErrorId = ''
        }
        else {
            $case.Mode = 'Exclude'; $case.Reason = "GTO failure not mapped: $($Stderr.Trim())"
        }
        return $case
    }
    # 4. Successful JSON reads: compare.
    if ($inv.Shape -eq 'Stages' -and $case.Parameters.Contains('Allowed') -and $Stdout.Trim() -eq 'null') {
        # stages --allowed prints null when .gto does not restrict stages; a cmdlet has no null
        # list, so GTO's null means "no Gto.Stage object" here.
        $case.Mode = 'Compare'; $case.Expected = "[]`n"; $case.Reason = 'GTO null list = no output'
        return $case
    }
    if ($inv.Shape -eq 'ParsedTag' -and $Stdout -match '^\s*\{\s*"name"\s*:\s*"[^"]*"\s*\}\s*$') {
        # parse-tag X@created: GTO returns a name without an action (the tag that crashes every
        # state-building command). Gto.ParsedTag always has an Action, so ours rejects it.
        $case.Mode = 'Reject'; $case.Reason = 'divergence: X@created parses without an action in GTO; ours rejects it'
        return $case
    }
    $named = "$($case.Parameters['Artifact'])"
    # GTO's 'show -d' of the scenario lists every artifact it knows, annotation-only ones included.
    $showAll = Join-Path $PSScriptRoot "../golden/$Scenario/show-d.json"
    $listed = if (Test-Path -LiteralPath $showAll) { Get-Content -Raw -LiteralPath $showAll | ConvertFrom-Json -AsHashtable }
    $known = $listed -is [System.Collections.IDictionary] -and $listed.ContainsKey($named)
    if ($inv.Command -eq 'Get-GtoHistory' -and $named -and -not [WildcardPattern]::ContainsWildcardCharacters($named) -and
        -not $known -and $Stdout.Trim() -eq '[]') {
        # The history of a name GTO does not know: GTO prints an empty list, Gto writes ArtifactNotFound saying so
        # (docs/compatibility.md, "Loud mistakes").
        $case.Mode = 'Error'; $case.ErrorId = 'ArtifactNotFound'; $case.Reason = 'divergence: an unknown artifact is ArtifactNotFound'
        return $case
    }
    $filtered = $case.Parameters.Contains('Version') -or $case.Parameters.Contains('Stage') -or "$($case.Parameters['Name'])" -match '@v|#'
    if ($inv.Command -eq 'Get-GtoVersion' -and $filtered -and $Stdout.Trim() -eq '[]') {
        # A literal version or stage that selects nothing: GTO prints an empty list, Gto writes a non-terminating
        # *NotFound error saying why (docs/compatibility.md, "Loud mistakes").
        $case.Mode = 'Error'; $case.ErrorId = '*NotFound'; $case.Reason = 'divergence: an empty selection is a *NotFound error'
        return $case
    }
    $case.Mode = 'Compare'
    $case.Expected = $Stdout
    if ($inv.Shape -eq 'Event' -and [string]::IsNullOrWhiteSpace($Stdout)) { $case.Expected = 'null' }
    $case
}

Export-ModuleMember -Function Get-GoldenScenario
