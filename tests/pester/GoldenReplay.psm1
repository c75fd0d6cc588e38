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
      register          Register-GtoVersion   -Name N -New [-Ref R] [-Version V] [-Bump B]
      assign, promote   Set-GtoStage          -Name N -Stage S -New [-Ref R|HEAD] [-Version V] [-SkipRegistration]
      deprecate N V S   Remove-GtoStage       -Name N -Version V -Stage S [-Delete]
      deprecate N V     Unregister-GtoVersion -Name N -Version V [-Delete]
      deprecate N       Disable-GtoArtifact   -Name N [-Ref R] [-Delete]
      (all: -Message, -Force, -Push, -Simple / -Simple:$false for --simple true/false, -Repository;
       -Confirm:$false so that -Delete never prompts)

    The cmdlet steps are translated from gto_args (the exact GTO command line) by
    GtoCommandLine.psm1, after replacing every recorded commit SHA by the SHA of our commit with
    the same index. The tags are read, compared and resynchronised by GoldenReplayTags.psm1.

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
Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1')
Import-Module (Join-Path $PSScriptRoot 'GoldenData.psm1')
Import-Module (Join-Path $PSScriptRoot 'GoldenSetup.psm1')
Import-Module (Join-Path $PSScriptRoot 'GoldenReplayTags.psm1')
Import-Module (Join-Path $PSScriptRoot 'GtoCommandLine.psm1')

# The identity GTO was recorded with, set locally in the replayed repositories.
$script:Tester = @{ UserName = 'GTO Tester'; UserEmail = 'tester@example.com' }

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
        The scenarios under $Root (Get-GoldenScenarioFolder) and, for Pester discovery, their step cases:
        @{ Name; Path; Steps = @(@{ Index; Title; Mode = 'Check'|'Skip'|'Divergence'; Reason }) }.
        Steps that are not GTO write commands (commit, config, raw_tag, GTO read commands and CLI
        usage errors) get no case.
    #>
    [CmdletBinding()]
    param([string] $Root = (Join-Path $PSScriptRoot '../golden'))
    foreach ($dir in Get-GoldenScenarioFolder -Root $Root) {
        $scenario = Read-GoldenJson -Path (Join-Path $dir.FullName 'scenario.json')
        $steps = for ($i = 0; $i -lt $scenario.steps.Count; $i++) {
            $plan = Get-ReplayStepPlan -Scenario $scenario -Index $i
            if ($plan.Mode -in 'Setup', 'Ignore') { continue }
            @{ Index = $i; Title = $plan.Title; Mode = $plan.Mode; Reason = $plan.Reason }
        }
        @{ Name = $dir.Name; Path = $dir.FullName; Steps = @($steps) }
    }
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

#region Replay -------------------------------------------------------------------------------------

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
    $scenario = Read-GoldenJson -Path (Join-Path $ScenarioPath 'scenario.json')
    $ctx = New-GoldenWorkspace -Root $WorkRoot -Name $scenario.name
    $base = $ctx.Base
    $ctx.Repo = New-TestRepository -Path $ctx.Repo @script:Tester
    if ($scenario.ContainsKey('origin') -and $scenario.origin) {
        $ctx.Origin = New-TestRepository -Path (Join-Path $base 'origin.git') -Bare @script:Tester
        $null = Invoke-TestGit $ctx.Repo @('remote', 'add', 'origin', $ctx.Origin)
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
                $null = Invoke-TestGit $ctx.Repo @('add', '-A')
                $null = Invoke-TestGit $ctx.Repo @('commit', '-q', '--allow-empty', '--cleanup=verbatim', '-m', $commit.message) -Environment $gitEnv
                $sha = @(Invoke-TestGit $ctx.Repo @('rev-parse', 'HEAD'))[0]
                if ($shas.Count -ne $commit.index) { throw "$($plan.Title): commit index $($commit.index) out of order" }
                $shas.Add($sha); $commitIndex[$sha] = $commit.index
                if ($ctx.Origin) { $null = Invoke-TestGit $ctx.Repo @('push', '-q', 'origin', 'main') }
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
                $failure = $null
                try { $null = Invoke-TestGit $ctx.Repo $gitArgs -Environment $gitEnv } catch { $failure = $_.Exception.Message }
                if (($null -eq $failure) -ne ($expect.exit_code -eq 0)) {
                    throw "$($plan.Title): git $($gitArgs -join ' ') $(if ($failure) { 'failed' } else { 'succeeded' }), recorded exit code $($expect.exit_code): $failure"
                }
            }
            default {
                if ($plan.Mode -eq 'Skip') { break }
                $gtoArgs = @($step.gto_args | ForEach-Object { Convert-ReplaySha -Text $_ -Recorded $recorded -Ours $shas })
                $call = ConvertTo-GtoCall -ArgumentList $gtoArgs
                if ($call.Unsupported) { throw "$($plan.Title): $($call.Unsupported)" }
                $call.Parameters.Repository = if ($call.Repo) { Resolve-GtoPlaceholder $call.Repo $ctx } else { $ctx.Repo }
                # So that -Delete never prompts.
                $call.Parameters.Confirm = $false
                $out = Use-TestEnvironment $stepEnv { Invoke-ReplayCmdlet -Call $call }
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

Export-ModuleMember -Function Get-ReplayScenario, Invoke-ReplayScenario, Test-ReplayStep
