#requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests and demonstrates the Gto module.
.DESCRIPTION
    Build    dotnet build Gto.sln, then lay out the importable module in out/Gto/.
    Test     Build and Package, run xunit and every tests/pester/*.Tests.ps1 (in a child pwsh),
             print one final line "N passed, N failed" and exit non-zero on any failure.
    Package  Build, then copy out/Gto to out/package/Gto/<ModuleVersion>/ (copy out/package/Gto
             into any $env:PSModulePath folder and `Import-Module Gto` works) and make
             out/package/Gto.<ModuleVersion>.nupkg, the PowerShell Gallery package, with
             PSResourceGet's Publish-PSResource to a temporary local repository (no network).
    Demo     Build, make a small registry with the write cmdlets (register, promote, roll back) and show it.
    Clean    Remove out/ and every project's bin/ and obj/.
.EXAMPLE
    dotnet tool restore; dotnet pwsh -NoProfile -File ./build.ps1 Test
.EXAMPLE
    dotnet pwsh -NoProfile -File ./build.ps1 Package
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Demo', 'Clean')]
    [string] $Task = 'Build',
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

$RepoRoot = $PSScriptRoot
$OutRoot = Join-Path $RepoRoot 'out'
$ModuleOut = Join-Path $OutRoot 'Gto'
$ModuleManifest = Join-Path $ModuleOut 'Gto.psd1'
$PackageOut = Join-Path $OutRoot 'package'

# Run a native command; fail loudly on a non-zero exit code (native failures do not throw).
function Invoke-Native {
    param([Parameter(Mandatory)] [string] $FilePath, [string[]] $ArgumentList = @())
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) {
        throw "'$FilePath $($ArgumentList -join ' ')' failed with exit code $LASTEXITCODE."
    }
}

# The command line that starts a fresh pwsh like this one. Under `dotnet pwsh` (the pinned
# local tool) the process is the dotnet host, so the child is `dotnet <PSHOME>/pwsh.dll`.
function Get-PwshCommand {
    $exe = (Get-Process -Id $PID).Path
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') {
        return @($exe, (Join-Path $PSHOME 'pwsh.dll'))
    }
    return @($exe)
}

# Where NuGet keeps restored packages (honours NUGET_PACKAGES and nuget.config).
function Get-NuGetPackagesRoot {
    $line = Invoke-Native dotnet @('nuget', 'locals', 'global-packages', '--list') |
        Where-Object { $_ -match 'global-packages:\s*(.+?)\s*$' } | Select-Object -First 1
    if (-not $line) { throw 'Could not find the NuGet global-packages folder.' }
    return ($line -replace '^.*?global-packages:\s*', '').Trim()
}

function Invoke-Build {
    Write-Host "==> dotnet build Gto.sln -c $Configuration"
    Invoke-Native dotnet @('build', (Join-Path $RepoRoot 'Gto.sln'), '-c', $Configuration, '--nologo')

    # A fresh folder every time, so a stale file (say, Gto.Engine.dll in core/) never survives.
    Write-Host "==> laying out $ModuleOut"
    if (Test-Path $ModuleOut) { Remove-Item $ModuleOut -Recurse -Force }
    $core = Join-Path $ModuleOut 'core'
    $deps = Join-Path $core 'dependencies'
    New-Item -ItemType Directory -Path $deps -Force | Out-Null

    Copy-Item (Join-Path $RepoRoot 'Gto.psd1') $ModuleOut
    Copy-Item (Join-Path $RepoRoot 'module/Gto.psm1') $ModuleOut
    $format = Join-Path $RepoRoot 'module/Gto.Format.ps1xml'
    if (Test-Path $format) {
        Copy-Item $format $ModuleOut
    }
    else {
        # The manifest lists the format file, and Import-Module fails if it is missing.
        Write-Warning 'module/Gto.Format.ps1xml is missing; writing an empty format file.'
        Set-Content (Join-Path $ModuleOut 'Gto.Format.ps1xml') '<?xml version="1.0" encoding="utf-8"?><Configuration><ViewDefinitions /></Configuration>'
    }
    $help = Join-Path $RepoRoot 'module/en-US'
    if (Test-Path $help) { Copy-Item $help $ModuleOut -Recurse }

    # core/: the cmdlets and the shared model, loaded into PowerShell's default context.
    $psBin = Join-Path $RepoRoot "src/Gto.PowerShell/bin/$Configuration/net8.0"
    $modelBin = Join-Path $RepoRoot "src/Gto.Model/bin/$Configuration/net8.0"
    foreach ($file in @("$psBin/Gto.PowerShell.dll", "$psBin/Gto.PowerShell.pdb",
                        "$modelBin/Gto.Model.dll", "$modelBin/Gto.Model.pdb")) {
        Copy-Item $file $core
    }

    # core/dependencies/: the engine with its deps.json, LibGit2Sharp, YamlDotNet and the
    # runtimes/<rid>/native libgit2, loaded into Gto's private context (src/Gto.PowerShell/Loading).
    Write-Host '==> dotnet publish src/Gto.Engine -f net8.0'
    Invoke-Native dotnet @('publish', (Join-Path $RepoRoot 'src/Gto.Engine/Gto.Engine.csproj'),
        '-c', $Configuration, '-f', 'net8.0', '--no-build', '--nologo', '-o', $deps)
    # Gto.Model must exist once, in core/: a second copy here would give the engine its own
    # [Gto.Artifact] type that scripts could not name or test with -is.
    Get-ChildItem $deps -Filter 'Gto.Model.*' | Remove-Item

    # Guard the isolation: PowerShell probes core/ itself, so an engine there would load
    # into the default context and silently skip the private one.
    foreach ($mustNot in @("$core/Gto.Engine.dll", "$deps/Gto.Model.dll")) {
        if (Test-Path $mustNot) { throw "Layout error: $mustNot must not exist." }
    }
    foreach ($must in @("$deps/Gto.Engine.dll", "$deps/Gto.Engine.deps.json",
                        "$deps/LibGit2Sharp.dll", "$deps/YamlDotNet.dll", "$deps/runtimes")) {
        if (-not (Test-Path $must)) { throw "Layout error: $must is missing." }
    }
    Write-Host "==> module ready: $ModuleManifest"
}

# Packages the built out/Gto (run Invoke-Build first) into out/package/:
#   Gto/<ModuleVersion>/        a copy of out/Gto; copy out/package/Gto into any $env:PSModulePath
#                               entry and `Import-Module Gto` finds it by name
#   Gto.<ModuleVersion>.nupkg   the PowerShell Gallery package, made by PSResourceGet itself
# Returns the two paths.
function New-GtoPackage {
    $version = (Import-PowerShellDataFile $ModuleManifest).ModuleVersion
    if (Test-Path $PackageOut) { Remove-Item $PackageOut -Recurse -Force }
    $versionDir = Join-Path $PackageOut "Gto/$version"
    New-Item -ItemType Directory -Path $versionDir -Force | Out-Null
    Write-Host "==> copying $ModuleOut to $versionDir"
    Copy-Item (Join-Path $ModuleOut '*') $versionDir -Recurse
    Test-ModuleManifest (Join-Path $versionDir 'Gto.psd1') -ErrorAction Stop | Out-Null

    # Publish-PSResource builds the .nupkg from the manifest (nuspec with id, version, authors,
    # description, licence/project URLs and tags) exactly as it would for the Gallery. Publishing
    # to a local file repository needs no network and no API key. The repository is registered
    # for this run only (a unique name, so parallel builds do not collide) and always removed.
    Import-Module Microsoft.PowerShell.PSResourceGet -ErrorAction Stop # ships with pwsh 7.4+
    $repoName = "GtoLocal-$PID"
    $repoDir = Join-Path $OutRoot "package-repo-$PID"
    if (Test-Path $repoDir) { Remove-Item $repoDir -Recurse -Force }
    New-Item -ItemType Directory -Path $repoDir | Out-Null
    Write-Host "==> Publish-PSResource to a temporary local repository ($repoName)"
    try {
        Register-PSResourceRepository -Name $repoName -Uri $repoDir -Trusted -ErrorAction Stop
        Publish-PSResource -Path $versionDir -Repository $repoName -ErrorAction Stop
        $nupkg = Join-Path $repoDir "Gto.$version.nupkg"
        if (-not (Test-Path $nupkg)) { throw "Publish-PSResource did not produce $nupkg." }
        Move-Item $nupkg $PackageOut
    }
    finally {
        Unregister-PSResourceRepository -Name $repoName -ErrorAction SilentlyContinue
        Remove-Item $repoDir -Recurse -Force -ErrorAction SilentlyContinue
    }
    $nupkg = Join-Path $PackageOut "Gto.$version.nupkg"
    Write-Host "==> module folder: $versionDir"
    Write-Host "==> package:       $nupkg"
    return @($versionDir, $nupkg)
}

function Invoke-Package {
    Invoke-Build
    New-GtoPackage | Out-Null
}

# Runs xunit; returns @{ Passed; Failed }. A crash or a missing result counts as a failure.
function Invoke-XunitTests {
    $resultsDir = Join-Path $OutRoot 'test-results'
    $trx = Join-Path $resultsDir 'xunit.trx'
    if (Test-Path $trx) { Remove-Item $trx }
    Write-Host '==> xunit: dotnet test tests/Gto.Engine.Tests'
    & dotnet test (Join-Path $RepoRoot 'tests/Gto.Engine.Tests') -c $Configuration --no-build --nologo `
        --logger 'trx;LogFileName=xunit.trx' --logger 'console;verbosity=normal' --results-directory $resultsDir |
        Out-Host # shown, not returned
    $exitCode = $LASTEXITCODE
    if (-not (Test-Path $trx)) {
        Write-Host "xunit produced no result file (exit code $exitCode): counted as 1 failure."
        return @{ Passed = 0; Failed = 1 }
    }
    $counters = ([xml](Get-Content $trx -Raw)).TestRun.ResultSummary.Counters
    $passed = [int]$counters.passed
    $failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    if ($exitCode -ne 0 -and $failed -eq 0) {
        Write-Host "dotnet test exited with $exitCode but reported no failed test: counted as 1 failure."
        $failed = 1
    }
    Write-Host "xunit: $passed passed, $failed failed"
    return @{ Passed = $passed; Failed = $failed }
}

# Runs every tests/pester/*.Tests.ps1 in one child pwsh (so this process never loads, and so
# never locks, the module); returns @{ Passed; Failed }.
function Invoke-PesterTests {
    # Pester 5.7.1 and YamlDotNet 16.3.0 (for Isolation.Tests.ps1); a no-op once restored.
    Write-Host '==> restoring test tools (tools/tools.proj)'
    Invoke-Native dotnet @('restore', (Join-Path $RepoRoot 'tools/tools.proj'), '--nologo') | Out-Host
    $nugetRoot = Get-NuGetPackagesRoot
    $pester = Join-Path $nugetRoot 'pester/5.7.1/tools/Pester.psd1'
    if (-not (Test-Path $pester)) { throw "Pester 5.7.1 is not at $pester after restoring tools/tools.proj." }
    $testDir = Join-Path $RepoRoot 'tests/pester'
    $tests = @(Get-ChildItem $testDir -Filter '*.Tests.ps1')
    if ($tests.Count -eq 0) {
        Write-Host 'No Pester test files found.'
        return @{ Passed = 0; Failed = 0 }
    }
    $resultFile = Join-Path $OutRoot 'test-results/pester.json'
    New-Item -ItemType Directory -Path (Split-Path $resultFile) -Force | Out-Null
    if (Test-Path $resultFile) { Remove-Item $resultFile }

    Write-Host "==> Pester 5.7.1: $($tests.Count) file(s) in a child pwsh"
    $env:NO_COLOR = '1'
    $env:GTO_MODULE_PATH = $ModuleManifest
    $env:GTO_NUGET_PACKAGES = $nugetRoot
    $pwsh = @(Get-PwshCommand)
    $runner = Join-Path $RepoRoot 'tools/Invoke-PesterRun.ps1'
    & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $runner `
        -PesterPath $pester -ResultPath $resultFile -TestPath $testDir | Out-Host
    $exitCode = $LASTEXITCODE
    if (-not (Test-Path $resultFile)) {
        Write-Host "The Pester run crashed (exit code $exitCode, no result file): counted as 1 failure."
        return @{ Passed = 0; Failed = 1 }
    }
    $result = Get-Content $resultFile -Raw | ConvertFrom-Json
    Write-Host "Pester: $($result.Passed) passed, $($result.Failed) failed, $($result.Skipped) skipped"
    return @{ Passed = [int]$result.Passed; Failed = [int]$result.Failed }
}

function Invoke-Test {
    $passed = 0
    $failed = 0
    try {
        Invoke-Build
    }
    catch {
        Write-Host "Build failed: $_"
        $failed++
    }
    if ($failed -eq 0) {
        # The package for Package.Tests.ps1. A packaging failure is one failure; the tests still run.
        try {
            New-GtoPackage | Out-Null
        }
        catch {
            Write-Host "Package failed: $_"
            $failed++
        }
        foreach ($runner in @('Invoke-XunitTests', 'Invoke-PesterTests')) {
            try {
                $r = & $runner
                $passed += $r.Passed
                $failed += $r.Failed
            }
            catch {
                # A runner that throws is a failure, never "0 failed".
                Write-Host "$runner crashed: $_"
                $failed++
            }
        }
    }
    # The one closing line CI reads; nothing may be printed after it.
    Write-Host "$passed passed, $failed failed"
    exit ([int]($failed -ne 0))
}

function Invoke-Demo {
    Invoke-Build
    Import-Module (Join-Path $RepoRoot 'tests/pester/TestRepo.psm1') -Force
    $repo = New-TestRepository -UserName 'Demo User' -UserEmail 'demo@example.com'
    try {
        $yaml = @'
churn:
  type: model
  path: models/churn.pkl
  description: Predicts which customers will leave
  labels: [tabular, classification]
segment:
  type: model
  path: models/segment.pkl
  description: Customer segmentation
'@
        $c1 = New-TestCommit -Path $repo -Files @{ 'artifacts.yaml' = $yaml; 'models/churn.pkl' = 'v1' } `
            -Message 'Add churn and segment' -Date '2026-01-05T09:00:00+01:00'
        $c2 = New-TestCommit -Path $repo -Files @{ 'models/churn.pkl' = 'v2'; 'models/segment.pkl' = 's1' } `
            -Message 'Retrain churn, add segment' -Date '2026-01-06T09:00:00+01:00'
        $script = Join-Path ([IO.Path]::GetTempPath()) "gto-demo-$PID.ps1"
        Set-Content $script @'
param([string] $ModulePath, [string] $Repository, [string] $First, [string] $Second)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
Set-Location $Repository
# Fixed tag times, one minute apart, so the demo reads the same every run (git honours GIT_COMMITTER_DATE).
$minute = 0
foreach ($step in @(
        { Register-GtoVersion churn -Ref $First -Version v1.0.0 }
        { Set-GtoStage churn staging -Version v1.0.0 -PassThru }
        { Register-GtoVersion churn -Ref $Second -Bump Minor }
        { Get-GtoVersion churn -Latest | Set-GtoStage -Stage prod -PassThru }
        { Register-GtoVersion segment -Ref $Second }
        { Set-GtoStage churn prod -Version v1.0.0 -Force -PassThru }   # roll prod back
        { Get-GtoArtifact | Format-Table }
        { Get-GtoVersion churn }
        { Get-GtoHistory }
        { Get-GtoStage })) {
    $env:GIT_COMMITTER_DATE = '2026-01-07T{0:00}:{1:00}:00+01:00' -f (10 + [math]::Floor($minute / 60)), ($minute % 60)
    $minute++
    Write-Host "PS> $($step.ToString().Trim())"
    & $step | Out-String -Width 160 | Write-Host
}
'@
        $pwsh = @(Get-PwshCommand)
        $env:NO_COLOR = '1'
        try {
            & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $script `
                -ModulePath $ModuleManifest -Repository $repo -First $c1 -Second $c2
            if ($LASTEXITCODE -ne 0) { throw "The demo failed with exit code $LASTEXITCODE." }
        }
        finally {
            Remove-Item $script -ErrorAction SilentlyContinue
        }
    }
    finally {
        Remove-TestRepository -Path $repo
    }
}

function Invoke-Clean {
    if (Test-Path $OutRoot) { Remove-Item $OutRoot -Recurse -Force }
    # bin/ and obj/ next to each project file, and nowhere else.
    Get-ChildItem $RepoRoot -Recurse -File -Include '*.csproj', '*.proj' |
        Where-Object { $_.FullName -notmatch '[\\/](\.git|out)[\\/]' } |
        ForEach-Object {
            foreach ($dir in 'bin', 'obj') {
                $path = Join-Path $_.DirectoryName $dir
                if (Test-Path $path) { Remove-Item $path -Recurse -Force }
            }
        }
    Write-Host 'Clean: removed out/ and bin/, obj/.'
}

Push-Location $RepoRoot
try {
    switch ($Task) {
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Package' { Invoke-Package }
        'Demo' { Invoke-Demo }
        'Clean' { Invoke-Clean }
    }
}
finally {
    Pop-Location
}
