# The test sandbox: what keeps a test's git and environment apart from the machine it runs on.
# It owns the three things every test file used to set up on its own:
#   * environment isolation: no system or global git config (signing, hooks, default branch,
#     identity, insteadOf rewrites, ...), an empty HOME, no GTO_* settings of the user;
#   * the git wrapper tests write repositories with (Invoke-TestGit);
#   * temp folders, deleted together at the end of a test file (New-TestFolder, Remove-TestFolders).
# TestRepo.psm1 builds repositories on it and passes these commands on, so test files import only that.

Set-StrictMode -Version Latest

# GTO_* variables that configure this test harness, not Gto: kept when the sandbox clears the others.
$script:HarnessVariables = 'GTO_MODULE_PATH', 'GTO_GOLDEN_SCENARIOS', 'GTO_REPLAY_CLOCK', 'GTO_NUGET_PACKAGES'

# Variables that would give git an identity other than the repository's own.
$script:IdentityVariables = 'GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_AUTHOR_DATE', 'GIT_COMMITTER_NAME',
    'GIT_COMMITTER_EMAIL', 'GIT_COMMITTER_DATE'

$script:Folders = [System.Collections.Generic.List[string]]::new()

# A new empty folder in the temp folder, not yet registered for removal.
function New-TempPath([string] $Prefix) {
    $path = Join-Path ([IO.Path]::GetTempPath()) ($Prefix + [Guid]::NewGuid().ToString('N').Substring(0, 12))
    New-Item -ItemType Directory -Path $path | Out-Null
    (Resolve-Path $path).ProviderPath
}

$script:GitHome = Join-Path ([IO.Path]::GetTempPath()) "gto-test-git-home" # empty; shared, nothing is written there
New-Item -ItemType Directory -Path $script:GitHome -Force | Out-Null

<#
.SYNOPSIS
    Sets (or, for $null, removes) one process environment variable.
.NOTES
    Not via [Environment]::SetEnvironmentVariable: PowerShell would pass $null as "" and so set
    GIT_DIR="".
#>
function Set-TestEnv {
    param([Parameter(Mandatory, Position = 0)] [string] $Name, [Parameter(Position = 1)] $Value)
    if ($null -eq $Value) { Remove-Item "Env:$Name" -ErrorAction SilentlyContinue }
    else { Set-Item "Env:$Name" ([string]$Value) }
}

<#
.SYNOPSIS
    Sets environment variables (name -> value; $null removes); returns what they were, for
    Restore-TestEnvironment.
#>
function Set-TestEnvironment {
    [OutputType([hashtable])]
    param([Parameter(Mandatory, Position = 0)] [hashtable] $Variables)
    $saved = @{}
    foreach ($key in $Variables.Keys) {
        $saved[$key] = [Environment]::GetEnvironmentVariable($key)
        Set-TestEnv $key $Variables[$key]
    }
    $saved
}

function Restore-TestEnvironment {
    param([Parameter(Mandatory, Position = 0)] [hashtable] $Saved)
    foreach ($key in $Saved.Keys) { Set-TestEnv $key $Saved[$key] }
}

<#
.SYNOPSIS
    Runs $ScriptBlock with environment variables set (name -> value; $null removes) and puts them
    back afterwards, also when it throws. Returns what the script block returns.
#>
function Use-TestEnvironment {
    param(
        [Parameter(Mandatory, Position = 0)] [hashtable] $Variables,
        [Parameter(Mandatory, Position = 1)] [scriptblock] $ScriptBlock
    )
    $saved = Set-TestEnvironment $Variables
    try { & $ScriptBlock }
    finally { Restore-TestEnvironment $saved }
}

<#
.SYNOPSIS
    The variables that keep git away from this machine's configuration: no system config, HOME
    (and so the global config) in -HomePath, no terminal prompt, and no GIT_DIR & co. leaking in
    from a hook the tests might run under. Name -> value ($null: removed).
#>
function Get-IsolatedGitEnvironment {
    [OutputType([hashtable])]
    param([Parameter(Mandatory, Position = 0)] [string] $HomePath)
    @{
        GIT_CONFIG_NOSYSTEM = '1'
        GIT_CONFIG_GLOBAL   = $null
        HOME                = $HomePath
        USERPROFILE         = $HomePath
        XDG_CONFIG_HOME     = Join-Path $HomePath '.config'
        GIT_TERMINAL_PROMPT = '0'
        GIT_DIR             = $null
        GIT_WORK_TREE       = $null
        GIT_INDEX_FILE      = $null
    }
}

<#
.SYNOPSIS
    Isolates this whole process (and so the module under test) for a test file: the variables of
    Get-IsolatedGitEnvironment with a fresh empty HOME, no GIT_AUTHOR_*/GIT_COMMITTER_* identity,
    no GTO_* setting but the harness' own, then -Variables. Returns the sandbox (Root: a work
    folder, Home, Saved: every variable's former value); Exit-TestSandbox puts it all back.
.PARAMETER GitIdentity
    Name and e-mail written to the global git config in HOME (with init.defaultBranch main).
.PARAMETER Preserve
    Further variables the test file changes itself: restored by Exit-TestSandbox too.
#>
function Enter-TestSandbox {
    param(
        [hashtable] $Variables = @{},
        [string[]] $GitIdentity,
        [string[]] $Preserve = @()
    )
    $root = New-TempPath 'gto-sandbox-'
    $homePath = Join-Path $root 'home'
    New-Item -ItemType Directory -Path $homePath | Out-Null
    if ($GitIdentity) {
        Set-Content -LiteralPath (Join-Path $homePath '.gitconfig') -Encoding utf8NoBOM -Value @(
            '[user]', "`tname = $($GitIdentity[0])", "`temail = $($GitIdentity[1])", '[init]', "`tdefaultBranch = main")
    }
    $all = Get-IsolatedGitEnvironment $homePath
    foreach ($name in $script:IdentityVariables) { $all[$name] = $null }
    foreach ($entry in [Environment]::GetEnvironmentVariables().GetEnumerator()) {
        if ($entry.Key -like 'GTO_*' -and $entry.Key -notin $script:HarnessVariables) { $all[$entry.Key] = $null }
    }
    foreach ($key in $Variables.Keys) { $all[$key] = $Variables[$key] }
    $saved = Set-TestEnvironment $all
    foreach ($name in $Preserve) { if (-not $saved.ContainsKey($name)) { $saved[$name] = [Environment]::GetEnvironmentVariable($name) } }
    [pscustomobject]@{ Root = $root; Home = $homePath; Saved = $saved }
}

function Exit-TestSandbox {
    param([Parameter(Mandatory, Position = 0)] $Sandbox)
    Restore-TestEnvironment $Sandbox.Saved
    Remove-Item -LiteralPath $Sandbox.Root -Recurse -Force -ErrorAction SilentlyContinue
}

<#
.SYNOPSIS
    Runs git -C $Path with an isolated environment (Get-IsolatedGitEnvironment, then
    -Environment); returns its stdout lines. Throws, with git's output, when git fails.
#>
function Invoke-TestGit {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [string] $Path,
        [Parameter(Mandatory, Position = 1)] [string[]] $ArgumentList,
        [hashtable] $Environment = @{}
    )
    $vars = Get-IsolatedGitEnvironment $script:GitHome
    foreach ($key in $Environment.Keys) { $vars[$key] = $Environment[$key] }
    Use-TestEnvironment $vars {
        $output = & git -C $Path @ArgumentList 2>&1
        if ($LASTEXITCODE -ne 0) {
            throw "git $($ArgumentList -join ' ') failed in '$Path' (exit code $LASTEXITCODE): $($output -join [Environment]::NewLine)"
        }
        # stderr lines come back as ErrorRecords; keep only stdout.
        $output | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] } | ForEach-Object { "$_" }
    }
}

<#
.SYNOPSIS
    The module under test: $env:GTO_MODULE_PATH (build.ps1 Test sets it), or else the one
    ./build.ps1 Build lays out in this repository (out/Gto/Gto.psd1).
#>
function Get-GtoModulePath {
    [OutputType([string])]
    param()
    if ($env:GTO_MODULE_PATH) { return $env:GTO_MODULE_PATH }
    Join-Path (Resolve-Path "$PSScriptRoot/../..").ProviderPath 'out/Gto/Gto.psd1'
}

<#
.SYNOPSIS
    Creates an empty folder in the temp folder (name: -Prefix plus a random part); returns its
    full path. Remove-TestFolders deletes every folder made this way.
#>
function New-TestFolder {
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Position = 0)] [string] $Prefix = 'gto-test-')
    $path = New-TempPath $Prefix
    $script:Folders.Add($path)
    $path
}

<#
.SYNOPSIS
    Deletes every folder New-TestFolder (or New-TestRepository) made (call it in AfterAll).
#>
function Remove-TestFolders {
    # -Force: git makes its object files read-only.
    foreach ($p in $script:Folders) { Remove-Item -LiteralPath $p -Recurse -Force -ErrorAction SilentlyContinue }
    $script:Folders.Clear()
}

Export-ModuleMember -Function Set-TestEnv, Set-TestEnvironment, Restore-TestEnvironment, Use-TestEnvironment,
    Get-IsolatedGitEnvironment, Enter-TestSandbox, Exit-TestSandbox, Invoke-TestGit, New-TestFolder, Remove-TestFolders, Get-GtoModulePath
