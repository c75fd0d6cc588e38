<#
.SYNOPSIS
    Runs Pester 5 test files and writes the counts to a JSON file. build.ps1 starts this in a
    child pwsh, so the parent never loads (or locks) the module under test.
.DESCRIPTION
    Failed counts failed tests plus containers (files) that could not run at all: a test file
    that breaks during discovery must never look like "0 failed".
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ResultPath,
    [Parameter(Mandatory)] [string] $TestPath # a folder: Pester runs every *.Tests.ps1 in it
)
$ErrorActionPreference = 'Stop'
$env:NO_COLOR = '1'

Import-Module $PesterPath -Force

$config = New-PesterConfiguration
$config.Run.Path = $TestPath
$config.Run.PassThru = $true
$config.Run.Exit = $false
$config.Output.Verbosity = 'Detailed'
$config.Output.RenderMode = 'Plaintext' # CI logs, no ANSI colours
# Tests run with PowerShell's default preferences, as in a user's session: under 'Stop' every
# non-terminating error a test expects to capture would be thrown instead.
$ErrorActionPreference = 'Continue'
$result = Invoke-Pester -Configuration $config
$ErrorActionPreference = 'Stop'

$failed = $result.FailedCount + $result.FailedContainersCount
if ($result.Result -eq 'Failed' -and $failed -eq 0) {
    $failed = 1 # e.g. a failed BeforeAll/AfterAll block: still a failure
}
[ordered]@{
    Passed  = $result.PassedCount
    Failed  = $failed
    Skipped = $result.SkippedCount
    NotRun  = $result.NotRunCount
    Result  = $result.Result
} | ConvertTo-Json | Set-Content -Path $ResultPath -Encoding utf8
exit ([int]($failed -ne 0))
