#Requires -Version 7.2
<#
.SYNOPSIS
    Helpers for tests/pester/GoldenReplay.Tests.ps1: replay the write side of the GTO 1.10.1 golden
    scenarios (tests/golden/NN-*/scenario.json) with the Gto write cmdlets, and compare every step
    with what GTO did.

.DESCRIPTION
    A scenario is replayed in a fresh repository (git init -b main, identity set locally, isolated
    HOME, GIT_CONFIG_NOSYSTEM=1, TZ=UTC). Steps run in order:

      commit / config   write the files (null content deletes), git add -A,
                        git commit --allow-empty -m <commits[i].message> (author override if given)
      raw_tag           the recorded git_args, with GIT_COMMITTER_DATE / _NAME / _EMAIL
      register          Register-GtoVersion   -Name N [-Ref R] [-Version V] [-Bump B]
      assign, promote   Set-GtoStage          -Name N -Stage S [-Ref R] [-Version V] [-SkipRegistration]
      deprecate N V S   Remove-GtoStage       -Name N -Version V -Stage S [-Delete]
      deprecate N V     Unregister-GtoVersion -Name N -Version V [-Delete]
      deprecate N       Disable-GtoArtifact   -Name N [-Ref R] [-Delete]
      (all: -Message, -Force, -Push, -Simple / -Simple:$false for --simple true/false, -Repository;
       -Confirm:$false so that -Delete never prompts)

    The cmdlet steps are parsed from gto_args (the exact GTO command line), after replacing every
    recorded commit SHA by the SHA of our commit with the same index.

    After each step the tags are diffed (git for-each-ref before/after) and compared with
    `expect`: created and deleted names (sets; the creation/deletion ORDER is also compared,
    taken from the cmdlets' -Verbose lines "Created tag '<t>' ..." / "Deleted tag '<t>'."), for
    each created tag: annotated or not, target commit index, trimmed message, tagger name and
    e-mail; whether the step failed (GTO exit code != 0 <=> an error record or exception here).
    Timestamps are not compared. In 26-push-and-remote the bare origin's tags are diffed too.

    Timing. GTO orders events by tagger time (1-second resolution), so two steps must never share
    a second (the recorder waited for a new second before each step; `same_second` scenarios ran
    back to back). Two clocks:
      * virtual (default): every step runs with GIT_COMMITTER_DATE / GIT_AUTHOR_DATE set to a clock
        that starts at the real time and advances one second per step (not in same_second
        scenarios). git honours these variables, and so does Gto's tagger (Tagger.Now); each
        created tag's date is checked against the clock, so a write path that ignores it is
        reported instead of silently producing ties. Fast and deterministic.
      * wall ($env:GTO_REPLAY_CLOCK = 'wall'): like the recorder, sleep until the wall clock is in
        a new whole second after the previous writing step (only before steps GTO recorded as
        writing). About four to five minutes for all scenarios.

    Resynchronisation. When a step does not match (or is a known divergence, or is skipped but
    GTO's step changed tags), the tags are set to what GTO left (extra tags deleted, missing or
    different ones re-created with git, with GTO's message, target and tagger), so one engine
    difference is reported once instead of cascading through the rest of the scenario.
#>
Set-StrictMode -Version 3.0

#region Scenario data ----------------------------------------------------------------------------

# Steps GTO 1.10.1 failed on because of one of its crash bugs, which Gto deliberately does not
# repeat (docs/compatibility.md, "Crash bugs of GTO reported instead of repeated"). The step is
# run and its outcome reported; the test only requires the warning that names the cause. The
# registry is then resynchronised to GTO's tags. Key: '<scenario>/<step index>'.
$script:KnownDivergences = @{
    '17-created-tag-crash/6'      = @{
        Warning = '@created'
        Reason  = "GTO crashes on any tag 'X@created' (Unexpected error: 'action'); Gto ignores that tag and warns"
    }
    '21-corrupt-artifacts-yaml/3' = @{
        Warning = 'artifacts\.yaml'
        Reason  = "GTO fails on a damaged artifacts.yaml at HEAD (doesn't conform to GTO format); Gto ignores that file's annotations and warns"
    }
    # Gto refuses before writing: the step must fail with GTO's message and create no tag.
    '25-many-versions-poison/7'   = @{
        Refuses = 'Multiple versions are not allowed on the same Git commit'
        Reason  = "GTO writes 'p#prod#1' and then fails re-reading the registry, where a stage tag now touches a commit holding two versions; Gto checks the commit first and writes nothing"
    }
}

function Get-ReplayScenario {
    <#
    .SYNOPSIS
        The scenarios under $Root (tests/golden) and, for Pester discovery, their step cases:
        @{ Name; Path; Steps = @(@{ Index; Title; Mode = 'Check'|'Skip'|'Divergence'; Reason }) }.
        Steps that are not GTO write commands (commit, config, raw_tag, GTO read commands and CLI
        usage errors) get no case.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)][string] $Root, [string[]] $Name)
    foreach ($dir in Get-ChildItem -LiteralPath $Root -Directory | Where-Object Name -Match '^\d\d-' | Sort-Object Name) {
        if ($Name -and $dir.Name -notin $Name) { continue }
        $scenario = Read-ReplayScenario -Path $dir.FullName
        $steps = for ($i = 0; $i -lt $scenario.steps.Count; $i++) {
            $plan = Get-ReplayStepPlan -Scenario $scenario -Index $i
            if ($plan.Mode -in 'Setup', 'Ignore') { continue }
            @{ Index = $i; Title = $plan.Title; Mode = $plan.Mode; Reason = $plan.Reason }
        }
        @{ Name = $dir.Name; Path = $dir.FullName; Steps = @($steps) }
    }
}

function Read-ReplayScenario {
    param([Parameter(Mandatory)][string] $Path)
    $json = [IO.File]::ReadAllText((Join-Path $Path 'scenario.json'))
    # -DateKind String: raw_tag dates stay the ISO text they were recorded as.
    ConvertFrom-Json -InputObject $json -AsHashtable -DateKind String -Depth 100
}

function Get-ReplayStepPlan {
    <#
    .SYNOPSIS
        What the replay does with step $Index of a scenario: Mode 'Setup' (commit, config,
        raw_tag), 'Ignore' (GTO read command or CLI usage error: no cmdlet equivalent, not
        counted), 'Skip' (a write step that cannot be replayed yet: Reason), 'Divergence' (known
        GTO crash bug) or 'Check'. Title: '<scenario> step N: <gto args>' with commit SHAs shown
        as commit:N.
    #>
    param([Parameter(Mandatory)] $Scenario, [Parameter(Mandatory)][int] $Index)
    $step = $Scenario.steps[$Index]
    $op = $step.op
    $argsText = if ($step.gto_args) { Format-ReplayArgs -Arguments $step.gto_args -Scenario $Scenario } else { $op }
    $title = "$($Scenario.name) step ${Index}: $argsText"
    $plan = @{ Title = $title; Mode = 'Check'; Reason = $null }
    if ($op -in 'commit', 'config', 'raw_tag') { $plan.Mode = 'Setup'; return $plan }
    $gtoArgs = @($step.gto_args)
    if ($step.expect.exit_code -eq 2) {
        $plan.Mode = 'Ignore'; $plan.Reason = 'CLI usage error (click exit code 2): no cmdlet equivalent'; return $plan
    }
    if ($gtoArgs.Count -eq 0 -or $gtoArgs[0] -notin 'register', 'assign', 'promote', 'deprecate') {
        $plan.Mode = 'Ignore'; $plan.Reason = 'GTO read or CLI command (the read side is Golden.Tests.ps1)'; return $plan
    }
    if ($gtoArgs -ccontains '-h' -or $gtoArgs -ccontains '--help') {
        $plan.Mode = 'Ignore'; $plan.Reason = 'CLI help text'; return $plan
    }
    $key = "$($Scenario.name)/$Index"
    if ($script:KnownDivergences.ContainsKey($key)) {
        $plan.Mode = 'Divergence'; $plan.Reason = $script:KnownDivergences[$key].Reason
    }
    $plan
}

function Format-ReplayArgs {
    # GTO's argument list for a title: SHAs of the scenario's commits as commit:N, quoted when needed.
    param([string[]] $Arguments, $Scenario)
    $shaIndex = @{}
    foreach ($c in $Scenario.commits) { $shaIndex[$c.sha] = $c.index }
    ($Arguments | ForEach-Object {
            $a = [string]$_
            if ($shaIndex.ContainsKey($a)) { "commit:$($shaIndex[$a])" }
            elseif ($a -eq '' -or $a -match '\s') { "'" + $a + "'" }
            else { $a }
        }) -join ' '
}

#endregion

#region Environment and git ------------------------------------------------------------------------

function Initialize-ReplayEnvironment {
    <#
    .SYNOPSIS
        The recorded environment for this process: isolated empty HOME, GIT_CONFIG_NOSYSTEM=1,
        TZ=UTC, COLUMNS=1000, no GTO_* settings and no GIT_AUTHOR_*/GIT_COMMITTER_* overrides.
        Returns a state object for Restore-ReplayEnvironment (also removes the work root).
    #>
    [CmdletBinding()]
    param()
    $names = @('HOME', 'USERPROFILE', 'XDG_CONFIG_HOME', 'GIT_CONFIG_NOSYSTEM', 'GIT_CONFIG_GLOBAL', 'TZ', 'COLUMNS',
        'GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_AUTHOR_DATE', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL',
        'GIT_COMMITTER_DATE', 'GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_TERMINAL_PROMPT')
    foreach ($entry in [Environment]::GetEnvironmentVariables().GetEnumerator()) {
        if ($entry.Key -like 'GTO_*' -and $entry.Key -notin 'GTO_MODULE_PATH', 'GTO_REPLAY_CLOCK', 'GTO_GOLDEN_SCENARIOS') { $names += $entry.Key }
    }
    $saved = @{}
    foreach ($n in $names) { $saved[$n] = [Environment]::GetEnvironmentVariable($n) }
    $root = Join-Path ([IO.Path]::GetTempPath()) ('gto-replay-' + [guid]::NewGuid().ToString('N').Substring(0, 12))
    $homeDir = Join-Path $root 'home'
    $null = New-Item -ItemType Directory -Path $homeDir -Force
    foreach ($n in $names) { Set-ReplayEnv $n $null }
    Set-ReplayEnv HOME $homeDir
    Set-ReplayEnv USERPROFILE $homeDir
    Set-ReplayEnv XDG_CONFIG_HOME (Join-Path $homeDir '.config')
    Set-ReplayEnv GIT_CONFIG_NOSYSTEM '1'
    Set-ReplayEnv TZ 'UTC'
    Set-ReplayEnv COLUMNS '1000'
    Set-ReplayEnv GIT_TERMINAL_PROMPT '0'
    [pscustomobject]@{ Root = $root; Saved = $saved }
}

function Restore-ReplayEnvironment {
    [CmdletBinding()]
    param([Parameter(Mandatory)] $State)
    foreach ($entry in $State.Saved.GetEnumerator()) { Set-ReplayEnv $entry.Key $entry.Value }
    if ($State.Root -and (Test-Path -LiteralPath $State.Root)) {
        Remove-Item -LiteralPath $State.Root -Recurse -Force -ErrorAction SilentlyContinue
    }
}

function Set-ReplayEnv([string] $Name, $Value) {
    # $null removes the variable (assigning $null through [Environment] would leave "" on some hosts).
    if ($null -eq $Value) { Remove-Item "Env:$Name" -ErrorAction SilentlyContinue }
    else { Set-Item "Env:$Name" ([string]$Value) }
}

function Invoke-ReplayGit {
    <#
    .SYNOPSIS
        Runs git -C $Path with extra environment variables; returns @{ ExitCode; Out (stdout
        lines); Err (stderr text) }. Throws on failure unless -AllowFailure.
    #>
    param(
        [Parameter(Mandatory)][string] $Path,
        [Parameter(Mandatory)][string[]] $ArgumentList,
        [hashtable] $Environment = @{},
        [switch] $AllowFailure
    )
    $saved = @{}
    foreach ($k in $Environment.Keys) { $saved[$k] = [Environment]::GetEnvironmentVariable($k); Set-ReplayEnv $k $Environment[$k] }
    try {
        $all = & git -C $Path @ArgumentList 2>&1
        $code = $LASTEXITCODE
    }
    finally {
        foreach ($k in $saved.Keys) { Set-ReplayEnv $k $saved[$k] }
    }
    $out = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] } | ForEach-Object { [string]$_ })
    $err = (@($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object { $_.ToString() }) -join "`n")
    if ($code -ne 0 -and -not $AllowFailure) {
        throw "git $($ArgumentList -join ' ') failed in '$Path' (exit code $code): $err"
    }
    @{ ExitCode = $code; Out = $out; Err = $err }
}

function Get-ReplayTag {
    <#
    .SYNOPSIS
        Every tag of a repository: ordered map name -> @{ Name; Annotated; Commit (peeled target);
        TaggerName; TaggerEmail; TaggerDate ('<epoch> <offset>'); Message (null for lightweight) }.
    #>
    param([Parameter(Mandatory)][string] $Path)
    $fmt = '--format=%(refname)%01%(objecttype)%01%(objectname)%01%(*objectname)%01%(taggername)%01%(taggeremail)%01%(taggerdate:raw)%01%(contents)%00'
    $r = Invoke-ReplayGit -Path $Path -ArgumentList @('for-each-ref', 'refs/tags', $fmt)
    # Tag names are case-sensitive ('Model@v0.0.1' and 'model@v0.0.1' are two tags): ordinal keys.
    $tags = [System.Collections.Specialized.OrderedDictionary]::new([StringComparer]::Ordinal)
    foreach ($record in (($r.Out -join "`n").Split([char]0))) {
        $record = $record.TrimStart("`n")
        if ($record -eq '') { continue }
        $f = $record.Split([char]1)
        $name = $f[0].Substring('refs/tags/'.Length)
        $annotated = $f[1] -eq 'tag'
        $tags[$name] = @{
            Name        = $name
            Annotated   = $annotated
            Commit      = if ($annotated) { $f[3] } else { $f[2] }
            TaggerName  = if ($annotated) { $f[4] } else { $null }
            TaggerEmail = if ($annotated) { $f[5].Trim('<', '>') } else { $null }
            TaggerDate  = if ($annotated) { $f[6] } else { $null }
            Message     = if ($annotated) { $f[7] } else { $null }
        }
    }
    $tags
}

#endregion

#region Replay -------------------------------------------------------------------------------------

function ConvertTo-ReplayCall {
    <#
    .SYNOPSIS
        Turns GTO's argument list (SHAs already mapped) into a cmdlet call:
        @{ Command; Parameters (hashtable for splatting); Notes }. Repository placeholders:
        {NONREPO}, {MISSING_PATH}, {ORIGIN}.
    #>
    param([Parameter(Mandatory)][AllowEmptyString()][string[]] $Arguments, [Parameter(Mandatory)] $Context)
    $command = $Arguments[0]
    $withValue = @{
        '--version' = 'Version'; '--ver' = 'Version'; '-m' = 'Message'; '--message' = 'Message'; '--simple' = 'Simple'
        '-r' = 'Repo'; '--repo' = 'Repo'; '--stage' = 'Stage'; '--ref' = 'DeprecateRef'
    }
    $flags = @{
        '--force' = 'Force'; '--push' = 'Push'; '--sr' = 'SkipRegistration'; '--skip-registration' = 'SkipRegistration'
        '-d' = 'Delete'; '--delete' = 'Delete'
    }
    $opt = @{}
    $bumps = [Collections.Generic.List[string]]::new()
    $positional = [Collections.Generic.List[string]]::new()
    for ($i = 1; $i -lt $Arguments.Count; $i++) {
        $a = $Arguments[$i]
        if ($withValue.ContainsKey($a)) { $opt[$withValue[$a]] = $Arguments[++$i]; continue }
        if ($flags.ContainsKey($a)) { $opt[$flags[$a]] = $true; continue }
        if ($a -match '^--bump-(major|minor|patch)$') { $bumps.Add((Get-Culture).TextInfo.ToTitleCase($Matches[1])); continue }
        if ($a.StartsWith('-') -and $a.Length -gt 1) { throw "Unsupported GTO option '$a' in: $($Arguments -join ' ')" }
        $positional.Add($a)
    }
    $p = [ordered]@{}
    $notes = [Collections.Generic.List[string]]::new()
    switch ($command) {
        'register' {
            $cmd = 'Register-GtoVersion'
            $p.Name = $positional[0]
            if ($positional.Count -gt 1) { $p.Ref = $positional[1] }
            if ($opt.ContainsKey('Version')) { $p.Version = $opt.Version }
            if ($bumps.Count -eq 1) { $p.Bump = $bumps[0] }
            # Several bump flags (GTO: 'Need to specify either version or single bump argument'):
            # -Bump takes one value, so PowerShell must reject the array at binding.
            elseif ($bumps.Count -gt 1) { $p.Bump = [string[]]$bumps; $notes.Add('several bump flags passed as -Bump array (binding must fail)') }
        }
        { $_ -in 'assign', 'promote' } {
            $cmd = 'Set-GtoStage'
            $p.Name = $positional[0]
            if ($positional.Count -gt 1) { $p.Ref = $positional[1] }
            if (-not $opt.ContainsKey('Stage')) { throw "assign without --stage: $($Arguments -join ' ')" }
            $p.Stage = $opt.Stage
            if ($opt.ContainsKey('Version')) { $p.Version = $opt.Version }
            # GTO's defaults, spelt out as Set-GtoStage asks: HEAD when neither a ref nor a version is given, and
            # creating the artifact when it is unknown (docs/compatibility.md, "Pipelines, loud mistakes").
            if (-not $p.Contains('Ref') -and -not $p.Contains('Version')) { $p.Ref = 'HEAD' }
            $p.New = $true
            if ($opt['SkipRegistration']) { $p.SkipRegistration = $true }
        }
        'deprecate' {
            $p.Name = $positional[0]
            switch ($positional.Count) {
                3 { $cmd = 'Remove-GtoStage'; $p.Version = $positional[1]; $p.Stage = $positional[2] }
                2 { $cmd = 'Unregister-GtoVersion'; $p.Version = $positional[1] }
                1 { $cmd = 'Disable-GtoArtifact'; if ($opt.ContainsKey('DeprecateRef')) { $p.Ref = $opt.DeprecateRef } }
                default { throw "deprecate with $($positional.Count) positional arguments: $($Arguments -join ' ')" }
            }
            if ($opt['Delete']) { $p.Delete = $true }
        }
        default { throw "Not a GTO write command: $command" }
    }
    if ($opt.ContainsKey('Message')) { $p.Message = $opt.Message }
    if ($opt['Force']) { $p.Force = $true }
    if ($opt['Push']) { $p.Push = $true }
    if ($opt.ContainsKey('Simple')) {
        switch ($opt.Simple) {
            'true' { $p.Simple = $true }
            'false' { $p.Simple = $false }
            'auto' { }
            default { throw "--simple $($opt.Simple) is a CLI usage error" }
        }
    }
    $repo = $Context.Repo
    if ($opt.ContainsKey('Repo')) {
        $repo = switch ($opt.Repo) {
            '{NONREPO}' { $Context.NonRepo }
            '{MISSING_PATH}' { $Context.MissingPath }
            '{ORIGIN}' { $Context.Origin }
            '{ORIGIN_URL}' { 'file://' + ($Context.Origin -replace '\\', '/') }
            default { throw "Unsupported -r value '$($opt.Repo)'" }
        }
    }
    $p.Repository = $repo
    $p.Confirm = $false
    @{ Command = $cmd; Parameters = $p; Notes = @($notes) }
}

function Invoke-ReplayCmdlet {
    <#
    .SYNOPSIS
        Runs a cmdlet call; returns @{ Errors (strings: 'Id: message'); Warnings; Created and
        Deleted (tag names in the order the -Verbose lines report them) }.
    #>
    param([Parameter(Mandatory)] $Call)
    $errs = [Collections.Generic.List[string]]::new()
    $warnings = [Collections.Generic.List[string]]::new()
    $created = [Collections.Generic.List[string]]::new()
    $deleted = [Collections.Generic.List[string]]::new()
    $params = $Call.Parameters
    $cmd = $Call.Command
    $errVar = $null
    try {
        $records = & $cmd @params -Verbose -ErrorAction SilentlyContinue -ErrorVariable errVar -WarningAction Continue 3>&1 4>&1
        foreach ($r in $records) {
            if ($r -is [System.Management.Automation.WarningRecord]) { $warnings.Add($r.Message) }
            elseif ($r -is [System.Management.Automation.VerboseRecord]) {
                if ($r.Message -match "^Created tag '([^']+)' on [0-9a-f]+\.$") { $created.Add($Matches[1]) }
                elseif ($r.Message -match "^Deleted tag '([^']+)'\.$") { $deleted.Add($Matches[1]) }
            }
        }
    }
    catch {
        $errs.Add("$($_.FullyQualifiedErrorId): $($_.Exception.Message)")
    }
    foreach ($e in @($errVar)) {
        if ($null -eq $e) { continue }
        $text = if ($e -is [System.Management.Automation.ErrorRecord]) { "$($e.FullyQualifiedErrorId): $($e.Exception.Message)" } else { [string]$e }
        if (-not $errs.Contains($text)) { $errs.Add($text) }
    }
    @{ Errors = @($errs); Warnings = @($warnings); Created = @($created); Deleted = @($deleted) }
}

function Compare-ReplayTagSet {
    <#
    .SYNOPSIS
        Problems (strings) between the tags a step changed in a repository and GTO's expectation.
    #>
    param(
        [Parameter(Mandatory)][System.Collections.IDictionary] $Before,
        [Parameter(Mandatory)][System.Collections.IDictionary] $After,
        [AllowNull()] $ExpectCreated, [AllowNull()] $ExpectDeleted, [AllowNull()] $ExpectDetails,
        [Parameter(Mandatory)][hashtable] $CommitIndex,
        [hashtable] $RecordedIndex = @{},
        [string] $Where = 'tags',
        [AllowNull()][string[]] $CreatedOrder, [AllowNull()][string[]] $DeletedOrder,
        [AllowNull()][string] $ExpectedDate
    )
    $problems = [Collections.Generic.List[string]]::new()
    $created = @($After.Keys | Where-Object { -not $Before.Contains($_) })
    $deleted = @($Before.Keys | Where-Object { -not $After.Contains($_) })
    $expC = @($ExpectCreated | Where-Object { $null -ne $_ })
    $expD = @($ExpectDeleted | Where-Object { $null -ne $_ })
    $missing = @($expC | Where-Object { $_ -cnotin $created })
    $extra = @($created | Where-Object { $_ -cnotin $expC })
    if ($missing -or $extra) {
        $problems.Add("$Where created: expected [$($expC -join ', ')], got [$($created -join ', ')]")
    }
    elseif ($CreatedOrder -and $expC.Count -gt 1 -and (($CreatedOrder -join "`n") -ne ($expC -join "`n"))) {
        $problems.Add("$Where creation order: expected [$($expC -join ', ')], got [$($CreatedOrder -join ', ')]")
    }
    $missingD = @($expD | Where-Object { $_ -cnotin $deleted })
    $extraD = @($deleted | Where-Object { $_ -cnotin $expD })
    if ($missingD -or $extraD) {
        $problems.Add("$Where deleted: expected [$($expD -join ', ')], got [$($deleted -join ', ')]")
    }
    elseif ($DeletedOrder -and $expD.Count -gt 1) {
        # Gto deletes in GTO's order regrouped so a rerun after a crash can finish (docs/compatibility.md):
        # cancelling tags first, then assignments, registrations last.
        $rank = { param($t) if ($t -match '!|@deprecated') { 0 } elseif ($t -match '@v') { 2 } else { 1 } }
        $ordered = @(0, 1, 2 | ForEach-Object { $r = $_; $expD | Where-Object { (& $rank $_) -eq $r } })
        if (($DeletedOrder -join "`n") -ne ($ordered -join "`n")) {
            $problems.Add("$Where deletion order: expected [$($ordered -join ', ')] (GTO: [$($expD -join ', ')]), got [$($DeletedOrder -join ', ')]")
        }
    }
    foreach ($d in @($ExpectDetails | Where-Object { $null -ne $_ })) {
        if (-not $After.Contains($d.name) -or $Before.Contains($d.name)) { continue }
        $t = $After[$d.name]
        $gotIndex = if ($CommitIndex.ContainsKey($t.Commit)) { $CommitIndex[$t.Commit] } else { $null }
        $diffs = [Collections.Generic.List[string]]::new()
        if ($t.Annotated -ne [bool]$d.annotated) { $diffs.Add("annotated: expected $($d.annotated), got $($t.Annotated)") }
        if ($gotIndex -ne $d.target_commit_index) { $diffs.Add("target commit: expected commit:$($d.target_commit_index), got $(if ($null -eq $gotIndex) { $t.Commit } else { "commit:$gotIndex" })") }
        # Messages may hold a commit SHA (--sr: 'version <sha>'): both sides as commit:N.
        $em = ConvertTo-ReplayMessage -Message $d.message -Index $RecordedIndex
        $gm = ConvertTo-ReplayMessage -Message $t.Message -Index $CommitIndex
        if ($em -cne $gm) { $diffs.Add("message: expected '$em', got '$gm'") }
        if ($t.TaggerName -cne $d.tagger_name -or $t.TaggerEmail -cne $d.tagger_email) {
            $diffs.Add("tagger: expected '$($d.tagger_name) <$($d.tagger_email)>', got '$($t.TaggerName) <$($t.TaggerEmail)>'")
        }
        if ($ExpectedDate -and $t.Annotated -and $t.TaggerDate -ne $ExpectedDate) {
            $diffs.Add("tagger date '$($t.TaggerDate)' is not the replay clock '$ExpectedDate' (GIT_COMMITTER_DATE not honoured: later steps may tie)")
        }
        if ($diffs.Count) { $problems.Add("$Where '$($d.name)': $($diffs -join '; ')") }
    }
    , $problems
}

function Sync-ReplayTag {
    <#
    .SYNOPSIS
        Makes a repository's tags what GTO left after the step: deletes tags it should not have,
        restores tags wrongly deleted (from $Before, same date), and (re)creates GTO's created tags
        that are missing or different. Returns a list of what it did.
    #>
    param(
        [Parameter(Mandatory)][string] $Path,
        [Parameter(Mandatory)][System.Collections.IDictionary] $Before,
        [AllowNull()] $ExpectCreated, [AllowNull()] $ExpectDeleted, [AllowNull()] $ExpectDetails,
        [Parameter(Mandatory)][hashtable] $CommitIndex, [Parameter(Mandatory)][AllowEmptyCollection()][string[]] $Shas,
        [hashtable] $RecordedIndex = @{}, [string[]] $Recorded = @(), [string] $Date
    )
    $done = [Collections.Generic.List[string]]::new()
    $after = Get-ReplayTag -Path $Path
    $expC = @($ExpectCreated | Where-Object { $null -ne $_ })
    $expD = @($ExpectDeleted | Where-Object { $null -ne $_ })
    $details = [hashtable]::new([StringComparer]::Ordinal)
    foreach ($d in @($ExpectDetails | Where-Object { $null -ne $_ })) { $details[$d.name] = $d }
    foreach ($name in @($after.Keys)) {
        $shouldExist = ($Before.Contains($name) -and $name -cnotin $expD) -or $name -cin $expC
        $wrong = $false
        if ($name -cin $expC -and -not $Before.Contains($name) -and $details.ContainsKey($name)) {
            $d = $details[$name]; $t = $after[$name]
            $gotIndex = if ($CommitIndex.ContainsKey($t.Commit)) { $CommitIndex[$t.Commit] } else { $null }
            $em = ConvertTo-ReplayMessage -Message $d.message -Index $RecordedIndex
            $gm = ConvertTo-ReplayMessage -Message $t.Message -Index $CommitIndex
            $wrong = ($t.Annotated -ne [bool]$d.annotated) -or ($gotIndex -ne $d.target_commit_index) -or ($em -cne $gm) -or
            ($t.TaggerName -cne $d.tagger_name) -or ($t.TaggerEmail -cne $d.tagger_email)
        }
        if (-not $shouldExist -or $wrong) {
            $null = Invoke-ReplayGit -Path $Path -ArgumentList @('tag', '-d', $name)
            $done.Add("deleted '$name'")
            $after.Remove($name)
        }
    }
    foreach ($name in @($Before.Keys)) {
        if ($name -cin $expD -or $after.Contains($name)) { continue }
        $t = $Before[$name]
        New-ReplayTagWithGit -Path $Path -Name $name -Commit $t.Commit -Annotated $t.Annotated -Message $t.Message `
            -TaggerName $t.TaggerName -TaggerEmail $t.TaggerEmail -Date $t.TaggerDate
        $done.Add("restored '$name'")
    }
    foreach ($name in $expC) {
        if ($after.Contains($name)) { continue }
        $d = if ($details.ContainsKey($name)) { $details[$name] } else { $null }
        if ($null -eq $d -or $null -eq $d.target_commit_index -or $d.target_commit_index -ge $Shas.Count) {
            $done.Add("could not re-create '$name' (no details or target commit)")
            continue
        }
        $commit = $Shas[$d.target_commit_index]
        $message = Convert-ReplaySha -Text $d.message -Recorded $Recorded -Ours $Shas
        New-ReplayTagWithGit -Path $Path -Name $name -Commit $commit -Annotated ([bool]$d.annotated) -Message $message `
            -TaggerName $d.tagger_name -TaggerEmail $d.tagger_email -Date $Date
        $done.Add("created '$name'")
    }
    [string[]]$done
}

function ConvertTo-ReplayMessage {
    # A tag message trimmed (as GTO reads it), with every known commit SHA written as commit:N.
    param([AllowNull()][AllowEmptyString()][string] $Message, [hashtable] $Index)
    if ($null -eq $Message) { return $null }
    $m = $Message.Trim()
    foreach ($sha in $Index.Keys) { $m = $m.Replace($sha, "commit:$($Index[$sha])") }
    $m
}

function New-ReplayTagWithGit {
    param([string] $Path, [string] $Name, [string] $Commit, [bool] $Annotated, [AllowNull()][string] $Message,
        [AllowNull()][string] $TaggerName, [AllowNull()][string] $TaggerEmail, [AllowNull()][string] $Date)
    if (-not $Annotated) { $null = Invoke-ReplayGit -Path $Path -ArgumentList @('tag', $Name, $Commit); return }
    $gitEnv = @{}
    if ($TaggerName) { $gitEnv.GIT_COMMITTER_NAME = $TaggerName; $gitEnv.GIT_COMMITTER_EMAIL = $TaggerEmail }
    if ($Date) { $gitEnv.GIT_COMMITTER_DATE = $Date }
    $null = Invoke-ReplayGit -Path $Path -ArgumentList @('tag', '-a', $Name, '-m', $Message, $Commit) -Environment $gitEnv
}

function New-ReplayRepository {
    # git init (bare with -Bare) with the tester identity and no signing, set locally.
    param([Parameter(Mandatory)][string] $Path, [switch] $Bare)
    $null = New-Item -ItemType Directory -Path $Path -Force
    $initArgs = @('init', '-q', '-b', 'main')
    if ($Bare) { $initArgs += '--bare' }
    $null = Invoke-ReplayGit -Path $Path -ArgumentList $initArgs
    foreach ($kv in @(@('user.name', 'GTO Tester'), @('user.email', 'tester@example.com'), @('commit.gpgsign', 'false'),
            @('tag.gpgsign', 'false'), @('core.autocrlf', 'false'))) {
        $null = Invoke-ReplayGit -Path $Path -ArgumentList (@('config') + $kv)
    }
}

function Invoke-ReplayScenario {
    <#
    .SYNOPSIS
        Replays one scenario; returns @{ Name; Results = hashtable step index -> result } where a
        result is @{ Index; Title; Mode; Reason; Problems (strings); Observed (summary);
        Synced (what resynchronisation did); Warnings; Errors }.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][string] $ScenarioPath,
        [Parameter(Mandatory)][string] $WorkRoot,
        [ValidateSet('virtual', 'wall')][string] $Clock = 'virtual'
    )
    $scenario = Read-ReplayScenario -Path $ScenarioPath
    $base = Join-Path $WorkRoot $scenario.name
    $repo = Join-Path $base 'work'
    New-ReplayRepository -Path $repo
    $ctx = @{
        Repo        = (Resolve-Path -LiteralPath $repo).ProviderPath
        NonRepo     = Join-Path $base 'not-a-repo'
        MissingPath = Join-Path $base 'missing-path'
        Origin      = $null
    }
    $null = New-Item -ItemType Directory -Path $ctx.NonRepo -Force
    if ($scenario.ContainsKey('origin') -and $scenario.origin) {
        $ctx.Origin = Join-Path $base 'origin.git'
        New-ReplayRepository -Path $ctx.Origin -Bare
        $null = Invoke-ReplayGit -Path $ctx.Repo -ArgumentList @('remote', 'add', 'origin', $ctx.Origin)
    }
    $sameSecond = $scenario.ContainsKey('same_second') -and $scenario.same_second
    $recorded = @($scenario.commits | ForEach-Object { $_.sha })
    $recordedIndex = @{}
    foreach ($c in $scenario.commits) { $recordedIndex[$c.sha] = $c.index }
    $shas = [Collections.Generic.List[string]]::new()
    $commitIndex = @{}
    $results = @{}
    $clockNow = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
    $lastWriteSecond = [long]-1

    for ($i = 0; $i -lt $scenario.steps.Count; $i++) {
        $step = $scenario.steps[$i]
        $expect = $step.expect
        $plan = Get-ReplayStepPlan -Scenario $scenario -Index $i
        if ($plan.Mode -eq 'Ignore') { continue }

        # The step's clock.
        $expectWrites = $step.op -in 'commit', 'config' -or ($step.op -eq 'raw_tag' -and $expect.exit_code -eq 0) -or
        @($expect.tags_created).Count -or @($expect.tags_deleted).Count -or
        ($expect.ContainsKey('origin_tags_created') -and (@($expect.origin_tags_created).Count -or @($expect.origin_tags_deleted).Count))
        $date = $null
        if ($Clock -eq 'virtual') {
            if (-not $sameSecond) { $clockNow++ }
            $date = "@$clockNow +0000"
        }
        elseif ($expectWrites -and -not $sameSecond) {
            while ([DateTimeOffset]::UtcNow.ToUnixTimeSeconds() -le $lastWriteSecond) { Start-Sleep -Milliseconds 20 }
        }
        $nowEpoch = if ($Clock -eq 'virtual') { $clockNow } else { [DateTimeOffset]::UtcNow.ToUnixTimeSeconds() }
        $stepEnv = @{}
        if ($date) { $stepEnv.GIT_COMMITTER_DATE = $date; $stepEnv.GIT_AUTHOR_DATE = $date }
        # GTO was recorded with the identity in the global git config; a URL registry is written through a fresh
        # temporary clone, which sees no repository config, so the identity comes from the environment there.
        if ($step.ContainsKey('gto_args') -and @($step.gto_args) -contains '{ORIGIN_URL}') {
            $stepEnv.GIT_COMMITTER_NAME = 'GTO Tester'; $stepEnv.GIT_COMMITTER_EMAIL = 'tester@example.com'
        }
        if ($step.ContainsKey('env') -and $step.env) { foreach ($k in $step.env.Keys) { $stepEnv[$k] = $step.env[$k] } }

        $before = Get-ReplayTag -Path $ctx.Repo
        $originBefore = if ($ctx.Origin) { Get-ReplayTag -Path $ctx.Origin } else { $null }
        $result = @{
            Index = $i; Title = $plan.Title; Mode = $plan.Mode; Reason = $plan.Reason
            Problems = [Collections.Generic.List[string]]::new(); Observed = ''; Synced = @(); Warnings = @(); Errors = @()
        }

        switch ($step.op) {
            { $_ -in 'commit', 'config' } {
                $files = if ($step.op -eq 'config') { @{ '.gto' = $step.content } } else { $step.files }
                foreach ($k in @($files.Keys)) {
                    $file = Join-Path $ctx.Repo $k
                    if ($null -eq $files[$k]) { Remove-Item -LiteralPath $file -Force -ErrorAction SilentlyContinue; continue }
                    $null = New-Item -ItemType Directory -Path (Split-Path $file) -Force
                    [IO.File]::WriteAllText($file, [string]$files[$k], [Text.UTF8Encoding]::new($false))
                }
                $commit = @($scenario.commits | Where-Object { $_.step -eq $i })[0]
                $gitEnv = $stepEnv.Clone()
                if ($step.ContainsKey('author') -and $step.author) {
                    $gitEnv.GIT_AUTHOR_NAME = $step.author.name; $gitEnv.GIT_AUTHOR_EMAIL = $step.author.email
                }
                $null = Invoke-ReplayGit -Path $ctx.Repo -ArgumentList @('add', '-A')
                $null = Invoke-ReplayGit -Path $ctx.Repo -ArgumentList @('commit', '-q', '--allow-empty', '--cleanup=verbatim', '-m', $commit.message) -Environment $gitEnv
                $sha = (Invoke-ReplayGit -Path $ctx.Repo -ArgumentList @('rev-parse', 'HEAD')).Out[0]
                if ($shas.Count -ne $commit.index) { throw "$($plan.Title): commit index $($commit.index) out of order" }
                $shas.Add($sha); $commitIndex[$sha] = $commit.index
                if ($ctx.Origin) { $null = Invoke-ReplayGit -Path $ctx.Repo -ArgumentList @('push', '-q', 'origin', 'main') }
            }
            'raw_tag' {
                $gitArgs = @($step.git_args | ForEach-Object { Convert-ReplaySha -Text $_ -Recorded $recorded -Ours $shas })
                $gitEnv = $stepEnv.Clone()
                if ($step.ContainsKey('date') -and $step.date) {
                    if ($step.date -match '^now ([+-]\d{4})$') { $gitEnv.GIT_COMMITTER_DATE = "@$nowEpoch $($Matches[1])" }
                    elseif ($step.date -match '^\d{4}-\d\d-\d\dT') { $gitEnv.GIT_COMMITTER_DATE = $step.date }
                    else { throw "$($plan.Title): unsupported raw_tag date '$($step.date)'" }
                }
                if ($step.ContainsKey('tagger') -and $step.tagger) {
                    $gitEnv.GIT_COMMITTER_NAME = $step.tagger.name; $gitEnv.GIT_COMMITTER_EMAIL = $step.tagger.email
                }
                $r = Invoke-ReplayGit -Path $ctx.Repo -ArgumentList $gitArgs -Environment $gitEnv -AllowFailure
                if (($r.ExitCode -eq 0) -ne ($expect.exit_code -eq 0)) {
                    throw "$($plan.Title): git $($gitArgs -join ' ') exit code $($r.ExitCode), recorded $($expect.exit_code): $($r.Err)"
                }
            }
            default {
                if ($plan.Mode -eq 'Skip') { break }
                $gtoArgs = @($step.gto_args | ForEach-Object { Convert-ReplaySha -Text $_ -Recorded $recorded -Ours $shas })
                $call = ConvertTo-ReplayCall -Arguments $gtoArgs -Context $ctx
                $saved = @{}
                foreach ($k in $stepEnv.Keys) { $saved[$k] = [Environment]::GetEnvironmentVariable($k); Set-ReplayEnv $k $stepEnv[$k] }
                try { $out = Invoke-ReplayCmdlet -Call $call }
                finally { foreach ($k in $saved.Keys) { Set-ReplayEnv $k $saved[$k] } }
                $result.Errors = $out.Errors
                $result.Warnings = $out.Warnings
                $result.Call = "$($call.Command) " + (($call.Parameters.GetEnumerator() | Where-Object Key -NE 'Confirm' | ForEach-Object {
                            $v = $_.Value
                            if ($v -is [bool]) { if ($v) { "-$($_.Key)" } else { "-$($_.Key):`$false" } }
                            elseif ($_.Key -eq 'Repository') { if ($v -eq $ctx.Repo) { $null } else { "-Repository $v" } }
                            else { "-$($_.Key) '$(@($v) -join "','")'" }
                        }) -join ' ')
                $failedHere = $out.Errors.Count -gt 0
                $failedThere = $expect.exit_code -ne 0
                if ($failedHere -and -not $failedThere) { $result.Problems.Add("GTO succeeded, ours failed: $($out.Errors -join ' | ')") }
                if (-not $failedHere -and $failedThere) {
                    $gtoErr = ([string]$expect.stderr).Trim() -replace '\s*Please report it here.*$', ''
                    $result.Problems.Add("GTO failed ($gtoErr), ours did not")
                }
                $result.CreatedOrder = $out.Created
                $result.DeletedOrder = $out.Deleted
            }
        }

        # Compare, and resynchronise on any difference.
        $after = Get-ReplayTag -Path $ctx.Repo
        $created = @($after.Keys | Where-Object { -not $before.Contains($_) })
        $deleted = @($before.Keys | Where-Object { -not $after.Contains($_) })
        $result.Observed = "created [$($created -join ', ')], deleted [$($deleted -join ', ')]" +
        $(if ($result.Errors.Count) { "; error: $($result.Errors -join ' | ')" } else { '' }) +
        $(if ($result.Warnings.Count) { "; warnings: $($result.Warnings -join ' | ')" } else { '' })
        if ($plan.Mode -ne 'Skip') {
            $cmp = @{
                Before = $before; After = $after; ExpectCreated = $expect.tags_created; ExpectDeleted = $expect.tags_deleted
                ExpectDetails = $expect.tag_details; CommitIndex = $commitIndex; RecordedIndex = $recordedIndex
            }
            if ($result.ContainsKey('CreatedOrder')) { $cmp.CreatedOrder = $result.CreatedOrder; $cmp.DeletedOrder = $result.DeletedOrder }
            if ($date -and $step.op -notin 'raw_tag', 'commit', 'config') { $cmp.ExpectedDate = "$clockNow +0000" }
            foreach ($p in (Compare-ReplayTagSet @cmp)) { $result.Problems.Add($p) }
        }
        $originAfter = $null
        if ($ctx.Origin) {
            $originAfter = Get-ReplayTag -Path $ctx.Origin
            if ($plan.Mode -ne 'Skip') {
                $cmp = @{
                    Before = $originBefore; After = $originAfter; ExpectCreated = $expect.origin_tags_created
                    ExpectDeleted = $expect.origin_tags_deleted; ExpectDetails = $null; CommitIndex = $commitIndex; Where = 'origin tags'
                }
                foreach ($p in (Compare-ReplayTagSet @cmp)) { $result.Problems.Add($p) }
            }
        }
        if ($step.op -in 'commit', 'config', 'raw_tag' -and $result.Problems.Count) {
            throw "$($plan.Title): the setup step did not reproduce: $($result.Problems -join '; ')"
        }
        if ($result.Problems.Count -or $plan.Mode -in 'Skip', 'Divergence') {
            $sync = @{ CommitIndex = $commitIndex; Shas = [string[]]$shas; Date = "@$nowEpoch +0000"; RecordedIndex = $recordedIndex; Recorded = $recorded }
            $synced = @(Sync-ReplayTag -Path $ctx.Repo -Before $before -ExpectCreated $expect.tags_created `
                    -ExpectDeleted $expect.tags_deleted -ExpectDetails $expect.tag_details @sync)
            if ($ctx.Origin) {
                # Origin tags GTO pushed are the local tags of the same name (or, for -r, tags it wrote there).
                $originDetails = @(@($expect.origin_tags_created) | Where-Object { $null -ne $_ } | ForEach-Object {
                        $n = $_
                        $local = Get-ReplayTag -Path $ctx.Repo
                        if ($local.Contains($n)) {
                            $t = $local[$n]
                            @{ name = $n; annotated = $t.Annotated; target_commit_index = $commitIndex[$t.Commit]; message = $t.Message
                                tagger_name = $t.TaggerName; tagger_email = $t.TaggerEmail }
                        }
                        else {
                            @{ name = $n; annotated = $true; target_commit_index = $shas.Count - 1; message = "Replay: $n (recorded on origin)"
                                tagger_name = 'GTO Tester'; tagger_email = 'tester@example.com' }
                        }
                    })
                $synced += @(Sync-ReplayTag -Path $ctx.Origin -Before $originBefore -ExpectCreated $expect.origin_tags_created `
                        -ExpectDeleted $expect.origin_tags_deleted -ExpectDetails $originDetails @sync | ForEach-Object { "origin: $_" })
            }
            $result.Synced = $synced
        }
        $changed = $created.Count -or $deleted.Count -or $step.op -in 'commit', 'config' -or
        ($ctx.Origin -and ((@($originAfter.Keys) -join "`n") -ne (@($originBefore.Keys) -join "`n")))
        if ($changed) { $lastWriteSecond = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds() }
        if ($plan.Mode -ne 'Setup') { $results[$i] = $result }
    }
    @{ Name = $scenario.name; Results = $results; Base = $base }
}

function Convert-ReplaySha {
    # Replaces every recorded commit SHA in a string by the SHA of our commit with the same index.
    param([AllowNull()][AllowEmptyString()][string] $Text, [string[]] $Recorded, $Ours)
    if ([string]::IsNullOrEmpty($Text)) { return $Text }
    for ($n = 0; $n -lt $Recorded.Count -and $n -lt $Ours.Count; $n++) {
        $Text = $Text.Replace($Recorded[$n], $Ours[$n])
    }
    $Text
}

function Test-ReplayStep {
    <#
    .SYNOPSIS
        The verdict for one step result: @{ Pass; Message }. Divergence steps pass when the
        warning naming the cause was written (the outcome is in Message either way).
    #>
    param([Parameter(Mandatory)] $Result, [Parameter(Mandatory)][string] $Scenario)
    switch ($Result.Mode) {
        'Divergence' {
            $rule = $script:KnownDivergences["$Scenario/$($Result.Index)"]
            $msg = "known divergence ($($rule.Reason)). Ours: $($Result.Observed)" +
            $(if ($Result.Problems.Count) { ". Differences from GTO: $($Result.Problems -join '; ')" } else { '. Same tags and outcome as GTO' })
            if ($rule.ContainsKey('Refuses')) {
                $refused = @($Result.Errors | Where-Object { "$_" -match $rule.Refuses }).Count -gt 0
                if (-not $refused -or $Result.Observed -notlike 'created `[`], deleted `[`]*') {
                    return @{ Pass = $false; Message = "expected an error matching '$($rule.Refuses)' and no tag: $msg" }
                }
                return @{ Pass = $true; Message = $msg }
            }
            $warned = @($Result.Warnings | Where-Object { $_ -match $rule.Warning }).Count -gt 0
            if (-not $warned) { return @{ Pass = $false; Message = "no warning matching '$($rule.Warning)': $msg" } }
            return @{ Pass = $true; Message = $msg }
        }
        default {
            if ($Result.Problems.Count -eq 0) { return @{ Pass = $true; Message = '' } }
            if ($Result.Mode -eq 'Skip') { return @{ Pass = $true; Message = '' } }
            $msg = "$($Result.Title)`n  ran: $($Result.Call)`n  " + ($Result.Problems -join "`n  ") +
            $(if ($Result.Synced.Count) { "`n  (resynchronised to GTO's tags: $($Result.Synced -join ', '))" } else { '' })
            return @{ Pass = $false; Message = $msg }
        }
    }
}

#endregion

Export-ModuleMember -Function @(
    'Get-ReplayScenario', 'Read-ReplayScenario', 'Get-ReplayStepPlan', 'Initialize-ReplayEnvironment', 'Restore-ReplayEnvironment',
    'Invoke-ReplayGit', 'Get-ReplayTag', 'ConvertTo-ReplayCall', 'Invoke-ReplayCmdlet', 'Invoke-ReplayScenario', 'Test-ReplayStep'
)
