#Requires -Version 7.2
<#
    Golden write-side tests: replaying GTO 1.10.1's golden scenarios with the Gto write cmdlets must
    write the same tags, and fail on the same steps.

    For every scenario (tests/golden/NN-*/scenario.json, and our own in tests/replay/NN-*) the BeforeAll of its Describe replays all
    steps in a fresh repository (see GoldenReplay.psm1 for the environment, the clock and the
    comparison, and GtoCommandLine.psm1 for the cmdlet mapping); then there is one It per GTO write step, named
    '<scenario> step N: <GTO arguments>', which checks that step:
      * GTO exit code 0 <=> no error here; GTO exit code != 0 <=> an error record or exception here;
      * the tags created and deleted (names and, from the -Verbose lines, order); for every created
        tag: annotated, target commit (by index), trimmed message, tagger name and e-mail;
      * 26-push-and-remote: also the tags created/deleted in the bare origin (-Push).
    GTO's data is the truth; nothing here is adjusted to our output. After a step that differs,
    the repository's tags are reset to what GTO left so the next steps are still comparable.

    Failing GTO steps that still wrote a tag:
      * 29-errors-and-cli-misc step 14 (`register p --push` without an origin): the push fails, the
        local tag is kept (tests/golden/README.md). Checked like any step: an error AND 'p@v0.0.1'.
      * 25-many-versions-poison step 7: a known divergence (below).
    Known divergences (GTO crash bugs Gto does not repeat, docs/compatibility.md); what ours did
    is printed, and the tags are then reset to GTO's:
      * 17-created-tag-crash step 6 (register m2 with an 'x@created' tag present) and
        21-corrupt-artifacts-yaml step 3 (register a with an empty artifacts.yaml at HEAD): GTO
        fails; the It requires the warning that names the cause ('@created', 'artifacts.yaml').
      * 25-many-versions-poison step 7 (assign p --stage prod --version v1.0.0 on a commit holding
        two versions): GTO writes 'p#prod#1' and then fails. Gto checks the commit first: the It
        requires GTO's "Multiple versions" error and no tag written.

    Remote URL steps: 26-push-and-remote steps 6-9 (`-r {ORIGIN_URL}`) run with -Repository file://…
    (a temporary clone; every tag is pushed back, as GTO does); the origin's tags are compared too.
    (Step 10, `-r {ORIGIN}`, a local bare repository, is replayed with -Repository.)
    Not replayed and not counted (no It): commit, config and raw_tag steps (setup: a difference
    there stops the scenario), `gto` read/CLI steps (show, history, stages, check-ref, doctor,
    parse-tag, print-state, --version, -h), and CLI usage errors (click exit code 2):
      05 step 19 (`assign nn2`, missing --stage), 08 steps 17-18 (`--simple bogus`, `--simple TRUE`),
      29 steps 22, 27-29, 40 (no command, unknown command, missing NAME, `-b`, `--av x`).
    Two `gto` steps ARE write commands and are replayed: 05 step 12 (`promote` -> Set-GtoStage)
    and 24 step 14 (`register m -r {NONREPO}` -> Register-GtoVersion -Repository <non-repo>).
    02 step 14 (`--bump-minor --bump-major`, no version): -Bump takes one value, so the array is
    passed and PowerShell must reject it at binding (that counts as the error).

    Clock: virtual by default (GIT_COMMITTER_DATE advancing one second per step; fast and
    deterministic); $env:GTO_REPLAY_CLOCK = 'wall' waits for a new wall-clock second before every
    writing step, like the recorder (about 4-5 minutes).

    Run (after ./build.ps1 Build):
      dotnet pwsh -NoProfile -c "Import-Module <Pester 5.7.1>/tools/Pester.psd1; Invoke-Pester ./tests/pester/GoldenReplay.Tests.ps1 -Output Detailed"
    The module path comes from $env:GTO_MODULE_PATH (default <repo>/out/Gto/Gto.psd1). A few
    scenarios only: $env:GTO_GOLDEN_SCENARIOS = '13-delete-and-counter-reuse,28-showcase'.
#>

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'GoldenReplay.psm1') -Force
    # tests/replay: scenarios of our own in the same format, written from GTO's documented behaviour (its README).
    $scenarios = @(Get-ReplayScenario) + @(Get-ReplayScenario -Root (Join-Path $PSScriptRoot '../replay'))
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'GoldenSetup.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'GoldenReplay.psm1') -Force
    $script:replayEnv = Enter-GoldenSandbox
    $script:clock = if ($env:GTO_REPLAY_CLOCK) { $env:GTO_REPLAY_CLOCK } else { 'virtual' }
}

AfterAll {
    Exit-GoldenSandbox $script:replayEnv
}

Describe 'Golden replay <Name>' -Tag 'Golden', 'GoldenReplay' -ForEach $scenarios {
    BeforeAll {
        $script:replay = Invoke-ReplayScenario -ScenarioPath $Path -WorkRoot $script:replayEnv.Root -Clock $script:clock
    }
    AfterAll {
        Remove-GoldenWorkspace $script:replay
    }

    It '<Title>' -ForEach $Steps {
        if ($Mode -eq 'Skip') {
            Set-ItResult -Skipped -Because $Reason
            return
        }
        $verdict = Test-ReplayStep -Result $script:replay.Results[$Index] -Scenario $Name
        if ($Mode -eq 'Divergence' -and $verdict.Pass) { Write-Host "      $($verdict.Message)" -ForegroundColor DarkYellow }
        if (-not $verdict.Pass) { throw $verdict.Message }
    }
}
