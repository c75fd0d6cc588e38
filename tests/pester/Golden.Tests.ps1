#Requires -Version 7.2
<#
    Golden read-side tests: the registry as read by the Gto cmdlets must agree with GTO 1.10.1.

    Data: tests/golden/<scenario>/ (copied from the shared golden set; see tests/golden/README.md).
    For every scenario we clone repo.bundle once (an empty `git init` for 24-empty-repo) and, for
    every read GTO made of that final repository (reads.json), call the matching cmdlet and
    compare its objects STRUCTURALLY with GTO's JSON (GoldenShape.psm1 converts our objects to
    GTO's JSON shape; GoldenCompare.psm1 reports the path of each difference):

      gto show [--json] [-d] [--ro] [--sort S] [--vs N] [--av N]   Get-GtoArtifact / Get-GtoVersion -Name A (incl. shortcuts A@latest, A#stage, A@vX)
      gto history [A] [--asc] --json                               Get-GtoHistory [-Artifact A] [-Ascending]
      gto stages [--used|--allowed] --json                         (Get-GtoStage [-Used|-Allowed]).Name
      gto check-ref REF --json                                     Resolve-GtoRef -Ref REF (GTO printing nothing = no output)
      gto parse-tag TAG [--key K]                                  ConvertFrom-GtoTag -Tag TAG
    Timestamps are compared as GTO's ISO text, so the instant AND the UTC offset must agree.
    `stages --allowed --json` printing `null` (.gto does not restrict stages) means no output here.

    Reads GTO FAILED (exit code != 0):
      * GTO crash bugs (17-created-tag-crash, 21-corrupt-artifacts-yaml, 25-many-versions-poison):
        by design ours does not crash; the cmdlet must succeed and warn, naming the cause
        (`@created`, `artifacts.yaml`, `Multiple versions`). See docs/compatibility.md.
        In 25 GTO recorded `show --json` and `show p --json` (steps 3 and 4) before the poisoning
        tag existed: artifact p read from the final repository must equal them (and warn).
      * 20-config-invalid-and-enrichments ('Wrong config file'): terminating error, id InvalidConfig*,
        message containing the .gto path.
      * 'Cannot find artifact': error id ArtifactNotFound*. 'Cannot parse tag name': a
        non-terminating error and no object. `--av/--vs` below -1: an error.
      * `-r {NONREPO}` / `-r {MISSING_PATH}` (read steps of 24-empty-repo and 29-errors-and-cli-misc):
        error id NotARepository*.

    Also tested, from scenario.json: the read steps of a scenario that cannot depend on the
    intermediate state (a non-repository, a missing path, a missing artifact, an unparsable tag).

    NOT generated (console-only or CLI-only; Gto follows PowerShell conventions instead):
      * every `text:*` read (tables, `--plain`, line output, rich wrapping), except the two JSON
        ones `text:stages --used --json` and `text:stages --allowed --json`, which are compared;
      * single-column outputs `--name`, `--version`, `--stage`, `--ref`, `--event` (extra:* reads);
      * CLI usage errors (exit 2: `--sort bogus`, `--av x`), `Only one output format allowed`,
        `Cannot apply --X`, `parse-tag --key` of a missing key (KeyError), `print-state`,
        `doctor` text, `--version`, `-h`;
      * `show *features`: `*features` is a wildcard pattern for -Name in PowerShell (matches
        `features`), by design;
      * write steps (the replay side is another test file).
    26-push-and-remote reads with `-r {ORIGIN_URL}` go through -Repository file://… (a temporary
    clone), like GTO's own clone of the URL.

    Run (after ./build.ps1 Build):
      dotnet pwsh -NoProfile -c "Import-Module <Pester 5.7.1>/tools/Pester.psd1; Invoke-Pester ./tests/pester/Golden.Tests.ps1 -Output Detailed"
    The module path comes from $env:GTO_MODULE_PATH (default <repo>/out/Gto/Gto.psd1). To run a
    few scenarios only: $env:GTO_GOLDEN_SCENARIOS = '28-showcase,23-same-second-ties'.
#>

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'GoldenReadCases.psm1') -Force
    $scenarios = @(Get-GoldenScenario)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'GoldenSetup.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'GoldenReadCheck.psm1') -Force
    # The recorded environment (isolated HOME with the tester identity, GIT_CONFIG_NOSYSTEM=1, TZ=UTC), then the module.
    $script:goldenEnv = Enter-GoldenSandbox -GitIdentity 'GTO Tester', 'tester@example.com'
}

AfterAll {
    Exit-GoldenSandbox $script:goldenEnv
}

Describe 'Golden <Name>' -Tag 'Golden' -ForEach $scenarios {
    BeforeAll {
        $script:clone = New-GoldenClone -ScenarioPath $Path -Root $script:goldenEnv.Root
    }
    AfterAll {
        Remove-GoldenWorkspace $script:clone
    }

    It '<Title>' -ForEach $Cases {
        if ($Mode -eq 'Skip') {
            Set-ItResult -Skipped -Because $Reason
            return
        }
        $commandInfo = Get-Command -Name $Command -ErrorAction SilentlyContinue
        if (-not $commandInfo) { throw "$Command is not exported by the module under test" }
        $failures = @(Test-GoldenCase -Case $_ -Clone $script:clone -CommandInfo $commandInfo)
        if ($failures.Count) {
            throw ("$Scenario / ${Label}:`n  " + ($failures -join "`n  "))
        }
    }
}
