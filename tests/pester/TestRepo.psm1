# Helpers for Pester tests (and build.ps1 Demo): real git repositories in temp folders,
# written with the plain git CLI, the same way a user (or GTO) would write them.
#
# Every git call goes through the sandbox (Sandbox.psm1: no system or global git config, an empty
# HOME), so the machine's git config (signing, hooks, default branch, identity, ...) cannot change
# what the tests see. The identity is set LOCALLY in each repository instead. The sandbox's
# commands are exported from here too: a test file imports this module only.

Set-StrictMode -Version Latest

Import-Module (Join-Path $PSScriptRoot 'Sandbox.psm1')

# git's own date format keeps the given UTC offset exactly: "<unix seconds> +hhmm".
function ConvertTo-GitDate([DateTimeOffset] $Date) {
    $offset = $Date.Offset
    $sign = if ($offset -lt [TimeSpan]::Zero) { '-' } else { '+' }
    '{0} {1}{2:hh}{2:mm}' -f $Date.ToUnixTimeSeconds(), $sign, $offset.Duration()
}

<#
.SYNOPSIS
    Creates an empty git repository (branch main, the identity and no signing set locally) and
    returns its full path: in a new temp folder, which Remove-TestFolders deletes with the other
    test folders, or at -Path (created if missing; the caller removes it). -Bare: a bare one.
#>
function New-TestRepository {
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [string] $UserName = 'Gto Tester',
        [string] $UserEmail = 'tester@example.com',
        [string] $Path,
        [switch] $Bare
    )
    $repo = if ($Path) { (New-Item -ItemType Directory -Path $Path -Force).FullName } else { New-TestFolder }
    try {
        Invoke-TestGit $repo (@('init', '-q', '-b', 'main') + @(if ($Bare) { '--bare' })) | Out-Null
        foreach ($setting in @(@('user.name', $UserName), @('user.email', $UserEmail), @('commit.gpgsign', 'false'),
                @('tag.gpgsign', 'false'), @('core.autocrlf', 'false'))) {
            Invoke-TestGit $repo (@('config') + $setting) | Out-Null
        }
    }
    catch {
        Remove-Item -LiteralPath $repo -Recurse -Force -ErrorAction SilentlyContinue
        throw
    }
    $repo
}

<#
.SYNOPSIS
    Writes files (relative path -> content, UTF-8 without BOM, as given) and commits them;
    returns the commit SHA. Without -Files it makes an empty commit.
#>
function New-TestCommit {
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory, Position = 0)] [string] $Path,
        [Parameter(Position = 1)] [hashtable] $Files = @{},
        [string] $Message = 'Test commit',
        [DateTimeOffset] $Date
    )
    foreach ($name in $Files.Keys) {
        $file = Join-Path $Path $name
        New-Item -ItemType Directory -Path (Split-Path $file) -Force | Out-Null
        [IO.File]::WriteAllText($file, [string]$Files[$name], [Text.UTF8Encoding]::new($false))
        Invoke-TestGit $Path @('add', '--', $name) | Out-Null
    }
    $gitEnv = @{}
    if ($PSBoundParameters.ContainsKey('Date')) {
        $gitEnv.GIT_AUTHOR_DATE = ConvertTo-GitDate $Date
        $gitEnv.GIT_COMMITTER_DATE = $gitEnv.GIT_AUTHOR_DATE
    }
    Invoke-TestGit $Path @('commit', '-q', '--allow-empty', '-m', $Message) -Environment $gitEnv | Out-Null
    (Invoke-TestGit $Path @('rev-parse', 'HEAD')) | Select-Object -First 1
}

<#
.SYNOPSIS
    Creates a tag with plain git: annotated (`git tag -a NAME -m MESSAGE REF`) unless
    -Lightweight. -Date sets the tagger date (GIT_COMMITTER_DATE), keeping its UTC offset.
    Returns the tag name.
#>
function New-TestTag {
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory, Position = 0)] [string] $Path,
        [Parameter(Mandatory, Position = 1)] [string] $Name,
        [Parameter(Position = 2)] [string] $Message,
        [string] $Ref = 'HEAD',
        [switch] $Lightweight,
        [DateTimeOffset] $Date
    )
    $gitEnv = @{}
    if ($PSBoundParameters.ContainsKey('Date')) { $gitEnv.GIT_COMMITTER_DATE = ConvertTo-GitDate $Date }
    if ($Lightweight) {
        Invoke-TestGit $Path @('tag', $Name, $Ref) -Environment $gitEnv | Out-Null
    }
    else {
        if ([string]::IsNullOrEmpty($Message)) { throw 'An annotated tag needs a -Message (git would make it lightweight).' }
        Invoke-TestGit $Path @('tag', '-a', $Name, '-m', $Message, $Ref) -Environment $gitEnv | Out-Null
    }
    $Name
}

<#
.SYNOPSIS
    Deletes a test repository folder.
#>
function Remove-TestRepository {
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] [string] $Path)
    if (Test-Path -LiteralPath $Path) {
        # -Force: git makes its object files read-only.
        Remove-Item -LiteralPath $Path -Recurse -Force
    }
}

<#
.SYNOPSIS
    The command that starts a fresh pwsh like the current one, as an array: the executable,
    then any leading arguments. Under `dotnet pwsh` the process is the dotnet host, so the
    child is `dotnet <PSHOME>/pwsh.dll`.
#>
function Get-TestPwshCommand {
    [OutputType([string[]])]
    param()
    $exe = (Get-Process -Id $PID).Path
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') {
        return , @($exe, (Join-Path $PSHOME 'pwsh.dll'))
    }
    return , @($exe)
}

# Runs a command; returns its output and its (non-terminating) errors separately.
function Invoke-Captured([scriptblock] $Action) {
    $all = @(& $Action 2>&1)
    [pscustomobject]@{
        Output = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
        Errors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
    }
}

# "<tag> <tag object>" for every tag of a repository (local or bare), sorted by name.
function Get-TagObjects([string] $Repo) {
    @(Invoke-TestGit $Repo @('for-each-ref', '--format=%(refname:strip=2) %(objectname)', 'refs/tags'))
}

# The names of every tag of a repository, sorted.
function Get-TagNames([string] $Repo) {
    @(Invoke-TestGit $Repo @('for-each-ref', '--format=%(refname:strip=2)', 'refs/tags'))
}

# "<tag> <tag object> <commit>" for every tag, sorted: equal lists before and after mean nothing was written or deleted.
function Get-TagState([string] $Repo) {
    @(Invoke-TestGit $Repo @('for-each-ref', '--format=%(refname) %(objectname) %(*objectname)', 'refs/tags'))
}

# A TCP port on 127.0.0.1 that nothing listens on right now.
function Get-FreePort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Test-Port([int] $Port) {
    $client = [System.Net.Sockets.TcpClient]::new()
    try { $client.ConnectAsync('127.0.0.1', $Port).Wait(500) -and $client.Connected } catch { $false } finally { $client.Dispose() }
}

# Starts `git daemon` serving (and accepting pushes to) the repositories under $Root on 127.0.0.1, and waits
# until it answers. Returns @{ Process; Port }; stop it with Stop-TestGitDaemon.
function Start-TestGitDaemon([string] $Root) {
    $port = Get-FreePort
    $psi = [System.Diagnostics.ProcessStartInfo]::new('git')
    foreach ($a in 'daemon', '--reuseaddr', "--base-path=$Root", '--export-all', '--enable=receive-pack',
        '--listen=127.0.0.1', "--port=$port", $Root) { $psi.ArgumentList.Add($a) }
    $psi.UseShellExecute = $false
    # Its messages (a port probe makes it say "hung up") are drained in the background, not shown.
    $psi.RedirectStandardError = $true
    $daemon = [System.Diagnostics.Process]::Start($psi)
    $log = $daemon.StandardError.ReadToEndAsync()
    $deadline = [DateTime]::UtcNow.AddSeconds(15)
    while (-not (Test-Port $port)) {
        if ($daemon.HasExited) { throw "git daemon exited with code $($daemon.ExitCode): $($log.Result)" }
        if ([DateTime]::UtcNow -gt $deadline) { throw "git daemon did not answer on 127.0.0.1:$port" }
        Start-Sleep -Milliseconds 100
    }
    [pscustomobject]@{ Process = $daemon; Port = $port }
}

Export-ModuleMember -Function New-TestRepository, New-TestCommit, New-TestTag, Remove-TestRepository, Get-TestPwshCommand,
    Invoke-Captured, Get-TagObjects, Get-TagNames, Get-TagState, Get-FreePort, Start-TestGitDaemon,
    # The sandbox's commands (Sandbox.psm1), for the test files that import only this module.
    Set-TestEnv, Set-TestEnvironment, Restore-TestEnvironment, Use-TestEnvironment, Get-IsolatedGitEnvironment,
    Enter-TestSandbox, Exit-TestSandbox, Invoke-TestGit, New-TestFolder, Remove-TestFolders, Get-GtoModulePath
