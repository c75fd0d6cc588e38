# Helpers for the hostile-input suites (Hostile.*.Tests.ps1): run Gto against a damaged or
# malicious repository in a child pwsh, so a crash (stack overflow, out of memory) or a hang
# is a failed assertion instead of a dead test run, and compare a repository before and after.

Set-StrictMode -Version Latest
Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1')

$script:ModulePath = Get-GtoModulePath

# Runs in the child: imports Gto, runs the case's script with $Repo set, and writes what came
# out (output as text, errors with their id, category and exception type, warnings) and the
# process's peak working set to a JSON file.
$script:ChildTemplate = @'
param([string] $ModulePath, [string] $Repo, [string] $ScriptPath, [string] $ResultPath)
$ErrorActionPreference = 'Continue'
$WarningPreference = 'Continue'
Import-Module $ModulePath
$output = [System.Collections.Generic.List[string]]::new()
$errors = [System.Collections.Generic.List[object]]::new()
$warnings = [System.Collections.Generic.List[string]]::new()
function Add-Error($record, [bool] $terminating) {
    $errors.Add([ordered]@{
        Id            = ($record.FullyQualifiedErrorId -split ',')[0]
        Category      = "$($record.CategoryInfo.Category)"
        ExceptionType = $record.Exception.GetType().FullName
        Message       = $record.Exception.Message
        Terminating   = $terminating
    })
}
$action = [scriptblock]::Create([IO.File]::ReadAllText($ScriptPath))
try {
    & $action 2>&1 3>&1 | ForEach-Object {
        if ($_ -is [System.Management.Automation.ErrorRecord]) { Add-Error $_ $false }
        elseif ($_ -is [System.Management.Automation.WarningRecord]) { $warnings.Add($_.Message) }
        else { $output.Add(($_ | Out-String -Width 200).Trim()) }
    }
}
catch {
    Add-Error $_ $true
}
[ordered]@{
    Output   = @($output)
    Errors   = @($errors)
    Warnings = @($warnings)
    PeakMB   = [math]::Round((Get-Process -Id $PID).PeakWorkingSet64 / 1MB)
} | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $ResultPath -Encoding utf8
'@

<#
.SYNOPSIS
    Runs $Script (text of a script block; $Repo holds the repository path) in a fresh pwsh with
    the built module imported. Kills it after -TimeoutSeconds. Returns ExitCode, Seconds,
    TimedOut, PeakMB, Output (strings), Errors (Id, Category, ExceptionType, Message,
    Terminating), Warnings and StdErr.
.PARAMETER TimeoutSeconds
    A hang guard, not a speed limit: long enough for pwsh to start and the case to run on a
    loaded machine, so that only a case that never ends is killed (and fails Assert-Survived).
#>
function Invoke-GtoChild {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [string] $Repo,
        [Parameter(Mandatory, Position = 1)] [string] $Script,
        [int] $TimeoutSeconds = 300,
        [hashtable] $Environment = @{}
    )
    $work = New-TestFolder 'gto-child-'
    try {
        $runner = Join-Path $work 'runner.ps1'
        $scriptPath = Join-Path $work 'case.ps1'
        $resultPath = Join-Path $work 'result.json'
        Set-Content -LiteralPath $runner -Value $script:ChildTemplate -Encoding utf8
        Set-Content -LiteralPath $scriptPath -Value $Script -Encoding utf8
        $pwsh = Get-TestPwshCommand
        $psi = [System.Diagnostics.ProcessStartInfo]::new($pwsh[0])
        foreach ($a in @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $runner,
                '-ModulePath', $script:ModulePath, '-Repo', $Repo, '-ScriptPath', $scriptPath, '-ResultPath', $resultPath)) {
            $psi.ArgumentList.Add($a)
        }
        $psi.UseShellExecute = $false
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.WorkingDirectory = $Repo
        # The child must not see this machine's git config or identity.
        $childEnvironment = Get-IsolatedGitEnvironment $work
        $childEnvironment['NO_COLOR'] = '1'
        foreach ($key in $Environment.Keys) { $childEnvironment[$key] = $Environment[$key] }
        foreach ($key in $childEnvironment.Keys) {
            if ($null -eq $childEnvironment[$key]) { $psi.Environment.Remove($key) | Out-Null } else { $psi.Environment[$key] = [string]$childEnvironment[$key] }
        }
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $process = [System.Diagnostics.Process]::Start($psi)
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        $timedOut = -not $process.WaitForExit($TimeoutSeconds * 1000)
        if ($timedOut) { $process.Kill($true); $process.WaitForExit() }
        $seconds = $clock.Elapsed.TotalSeconds
        $result = if (Test-Path -LiteralPath $resultPath) { Get-Content -LiteralPath $resultPath -Raw | ConvertFrom-Json } else { $null }
        [pscustomobject]@{
            ExitCode = $process.ExitCode
            Seconds  = $seconds
            TimedOut = $timedOut
            PeakMB   = if ($result) { $result.PeakMB } else { $null }
            Output   = if ($result) { @($result.Output) } else { @() }
            Errors   = if ($result) { @($result.Errors) } else { @() }
            Warnings = if ($result) { @($result.Warnings) } else { @() }
            StdOut   = $stdout.Result
            StdErr   = $stderr.Result
            Finished = $null -ne $result
        }
    }
    finally {
        Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
    }
}

<#
.SYNOPSIS
    Throws unless a child run survived: exited 0 having written its result, peaked under -MaxMB
    of working set, and every error it raised carries a catalogued Gto error id from a Gto
    exception, not a raw .NET one.
.NOTES
    No time limit: on a loaded machine any bound in seconds fails cases that work (design.md,
    "Tests": speed is measured in bench/, never asserted). What hostile input may not cost is
    checked as outcome and memory here, and as work where it can be counted (the YAML limits,
    in the engine's tests: where reading stops). A case that hangs is still caught: the hang
    guard of Invoke-GtoChild kills it, and that fails here.
#>
function Assert-Survived {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] $Run,
        [int] $MaxMB = 600
    )
    if ($Run.TimedOut) { throw "The child pwsh hung: the guard killed it after $([math]::Round($Run.Seconds, 1)) s." }
    if (-not $Run.Finished -or $Run.ExitCode -ne 0) {
        # A stack overflow prints thousands of frames: the first lines say what happened.
        $said = ("$($Run.StdErr)`n$($Run.StdOut)".Trim() -split "`n" | Select-Object -First 8) -join "`n"
        throw "The child pwsh died (exit code $($Run.ExitCode)): $said"
    }
    if ($Run.PeakMB -gt $MaxMB) { throw "The child pwsh peaked at $($Run.PeakMB) MB (limit $MaxMB MB)." }
    foreach ($e in $Run.Errors) { Assert-GtoError $e }
}

<#
.SYNOPSIS
    Throws unless an error (from Invoke-GtoChild's Errors, or an ErrorRecord) is one of Gto's:
    its id is in Gto's error catalogue and its exception is not a raw .NET, LibGit2Sharp or
    YamlDotNet one. Parameter binding and validation errors from PowerShell itself pass too.
#>
function Assert-GtoError {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $ErrorInfo)
    if ($ErrorInfo -is [System.Management.Automation.ErrorRecord]) {
        $ErrorInfo = [pscustomobject]@{
            Id = ($ErrorInfo.FullyQualifiedErrorId -split ',')[0]; ExceptionType = $ErrorInfo.Exception.GetType().FullName
            Message = $ErrorInfo.Exception.Message
        }
    }
    $fromPowerShell = $ErrorInfo.ExceptionType -like 'System.Management.Automation.*' -and
        $ErrorInfo.Id -match '^(ParameterArgumentValidationError|ParameterArgumentTransformationError|NamedParameterNotFound|PositionalParameterNotFound|MissingArgument|ParameterBindingFailed|CannotConvertArgument|AmbiguousParameterSet|InputObjectNotBound|ArgumentNull|ParameterArgumentValidationErrorNullNotAllowed|ParameterArgumentValidationErrorEmptyStringNotAllowed)'
    if ($fromPowerShell) { return }
    $known = @(Get-GtoErrorCatalogue)
    if ($known.Count -gt 0 -and $ErrorInfo.Id -notin $known) {
        throw "Error id '$($ErrorInfo.Id)' is not in Gto's error catalogue ($($ErrorInfo.ExceptionType): $($ErrorInfo.Message))"
    }
    if ($ErrorInfo.Id -notmatch '^[A-Z][A-Za-z0-9]+$') {
        throw "Error id '$($ErrorInfo.Id)' is not a Gto error id ($($ErrorInfo.ExceptionType): $($ErrorInfo.Message))"
    }
    if ($ErrorInfo.ExceptionType -match '^(LibGit2Sharp|YamlDotNet)\.' -or
        $ErrorInfo.ExceptionType -in 'System.InvalidCastException', 'System.NullReferenceException', 'System.FormatException',
        'System.ArgumentException', 'System.ArgumentOutOfRangeException', 'System.OverflowException', 'System.IO.IOException',
        'System.InvalidOperationException', 'System.IndexOutOfRangeException', 'System.Collections.Generic.KeyNotFoundException') {
        throw "A raw $($ErrorInfo.ExceptionType) reached the user (id '$($ErrorInfo.Id)'): $($ErrorInfo.Message)"
    }
}

$script:Catalogue = $null

# The error ids Gto documents, read from the catalogue in the engine's source.
function Get-GtoErrorCatalogue {
    if ($null -eq $script:Catalogue) {
        $file = Join-Path (Resolve-Path "$PSScriptRoot/../..").ProviderPath 'src/Gto.Engine/GtoErrors.cs'
        $script:Catalogue = if (Test-Path $file) {
            @([regex]::Matches((Get-Content $file -Raw), 'new\s+GtoError\(\s*"([A-Za-z0-9]+)"') | ForEach-Object { $_.Groups[1].Value })
        }
        else { @() }
    }
    $script:Catalogue
}

<#
.SYNOPSIS
    Everything a Gto command could change in a repository, as one string of sorted lines: every
    ref with its object, HEAD, and the SHA-256 of every file in the work tree and of git's lock
    files. Equal snapshots mean nothing was written (compare them with Should -Be).
#>
function Get-RepoSnapshot {
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory, Position = 0)] [string] $Repo)
    $lines = [System.Collections.Generic.List[string]]::new()
    foreach ($r in @(Invoke-TestGit $Repo @('for-each-ref', '--format=%(refname) %(objectname)'))) { $lines.Add("ref $r") }
    $lines.Add('HEAD ' + (@(Invoke-TestGit $Repo @('symbolic-ref', '-q', 'HEAD')) -join ''))
    $root = (Resolve-Path -LiteralPath $Repo).ProviderPath
    foreach ($f in Get-ChildItem -LiteralPath $root -Recurse -File -Force) {
        $relative = [IO.Path]::GetRelativePath($root, $f.FullName).Replace('\', '/')
        if ($relative.StartsWith('.git/') -and -not $relative.EndsWith('.lock')) { continue }
        $lines.Add("file $relative " + (Get-FileHash -LiteralPath $f.FullName -Algorithm SHA256).Hash)
    }
    ($lines | Sort-Object) -join "`n"
}

Export-ModuleMember -Function Invoke-GtoChild, Assert-Survived, Assert-GtoError, Get-GtoErrorCatalogue, Get-RepoSnapshot
