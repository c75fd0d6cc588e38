# -Push: every tag a write cmdlet creates (or deletes) reaches a real remote — a bare repository
# by path, by file:// URL and over a git daemon on 127.0.0.1 — and a failed push is a PushFailed
# error that keeps the local tag and says how to push it later.

BeforeAll {
    $repoRoot = (Resolve-Path "$PSScriptRoot/../..").ProviderPath
    $modulePath = if ($env:GTO_MODULE_PATH) { $env:GTO_MODULE_PATH } else { Join-Path $repoRoot 'out/Gto/Gto.psd1' }
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force
    Import-Module $modulePath -Force
    $script:cleanup = [System.Collections.Generic.List[string]]::new()

    function New-TempFolder {
        $path = Join-Path ([IO.Path]::GetTempPath()) ("gto-push-" + [Guid]::NewGuid().ToString('N').Substring(0, 12))
        New-Item -ItemType Directory -Path $path | Out-Null
        $script:cleanup.Add($path)
        (Resolve-Path $path).ProviderPath
    }

    # A bare repository <Parent>/<Name>.git, as a server would hold it.
    function New-BareRepository([string] $Parent, [string] $Name) {
        $bare = Join-Path $Parent "$Name.git"
        Invoke-TestGit $Parent @('init', '-q', '--bare', $bare) | Out-Null
        $bare
    }

    # A working repository with two commits; returns path and commits.
    function New-WorkRepository {
        $r = New-TestRepository
        $script:cleanup.Add($r)
        $c1 = New-TestCommit $r -Message 'one'
        $c2 = New-TestCommit $r -Message 'two'
        [pscustomobject]@{ Path = $r; C1 = $c1; C2 = $c2 }
    }

    # "<tag> <tag object>" for every tag of a repository (local or bare), sorted by name.
    function Get-TagObjects([string] $Repo) {
        @(Invoke-TestGit $Repo @('for-each-ref', '--format=%(refname:strip=2) %(objectname)', 'refs/tags'))
    }

    function Get-TagNames([string] $Repo) {
        @(Invoke-TestGit $Repo @('for-each-ref', '--format=%(refname:strip=2)', 'refs/tags'))
    }

    # The tags a remote advertises, as the user's `git ls-remote --tags` sees them ("<tag> <object>").
    function Get-RemoteTags([string] $Repo, [string] $Remote = 'origin') {
        @(Invoke-TestGit $Repo @('ls-remote', '--tags', $Remote) |
            Where-Object { $_ -notlike '*^{}' } |
            ForEach-Object { $sha, $ref = $_ -split "`t"; "$($ref -replace '^refs/tags/', '') $sha" } |
            Sort-Object)
    }

    # Runs a write; returns its output and its (non-terminating) errors separately.
    function Invoke-Write([scriptblock] $Action) {
        $all = @(& $Action 2>&1)
        [pscustomobject]@{
            Output = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
            Errors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        }
    }

    function Get-FreePort {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
    }

    function Test-Port([int] $Port) {
        $client = [System.Net.Sockets.TcpClient]::new()
        try { $client.ConnectAsync('127.0.0.1', $Port).Wait(500) -and $client.Connected } catch { $false } finally { $client.Dispose() }
    }
}

AfterAll {
    foreach ($p in $script:cleanup) { Remove-Item -LiteralPath $p -Recurse -Force -ErrorAction SilentlyContinue }
}

Describe 'Push to a bare remote over <Transport>' -ForEach @(
    @{ Transport = 'a path' }
    @{ Transport = 'a file:// URL' }
    @{ Transport = 'git:// (git daemon on 127.0.0.1)' }
) {
    BeforeAll {
        $server = New-TempFolder
        $daemon = $null
        switch -Wildcard ($Transport) {
            'a path' { $urlOf = { param($name) Join-Path $server "$name.git" } }
            'a file:// URL' { $urlOf = { param($name) [Uri]::new((Join-Path $server "$name.git")).AbsoluteUri } }
            'git://*' {
                $port = Get-FreePort
                $psi = [System.Diagnostics.ProcessStartInfo]::new('git')
                foreach ($a in 'daemon', '--reuseaddr', "--base-path=$server", '--export-all', '--enable=receive-pack',
                    '--listen=127.0.0.1', "--port=$port", $server) { $psi.ArgumentList.Add($a) }
                $psi.UseShellExecute = $false
                # Its messages (a port probe makes it say "hung up") are drained in the background, not shown.
                $psi.RedirectStandardError = $true
                $daemon = [System.Diagnostics.Process]::Start($psi)
                $daemonLog = $daemon.StandardError.ReadToEndAsync()
                $deadline = [DateTime]::UtcNow.AddSeconds(15)
                while (-not (Test-Port $port)) {
                    if ($daemon.HasExited) { throw "git daemon exited with code $($daemon.ExitCode): $($daemonLog.Result)" }
                    if ([DateTime]::UtcNow -gt $deadline) { throw "git daemon did not answer on 127.0.0.1:$port" }
                    Start-Sleep -Milliseconds 100
                }
                $urlOf = { param($name) "git://127.0.0.1:$port/$name.git" }
            }
        }

        # A fresh working repository whose origin is a fresh bare repository on the server.
        function New-Pair([string] $Name) {
            $bare = New-BareRepository $server $Name
            $work = New-WorkRepository
            Invoke-TestGit $work.Path @('remote', 'add', 'origin', (& $urlOf $Name)) | Out-Null
            $work | Add-Member -NotePropertyName Bare -NotePropertyValue $bare -PassThru
        }
    }

    AfterAll {
        if ($daemon -and -not $daemon.HasExited) {
            $daemon.Kill($true)
            $daemon.WaitForExit(5000) | Out-Null
        }
        if ($daemon) { $daemon.Dispose() }
    }

    It 'the remote URL is the transport under test' {
        $pair = New-Pair 'url'
        $url = Invoke-TestGit $pair.Path @('remote', 'get-url', 'origin')
        switch -Wildcard ($Transport) {
            'a path' { $url | Should -Be $pair.Bare }
            'a file:// URL' { $url | Should -BeLike 'file:///*' }
            'git://*' { $url | Should -BeLike 'git://127.0.0.1:*' }
        }
    }

    It 'without -Push nothing reaches the remote' {
        $pair = New-Pair 'nopush'
        Register-GtoVersion churn -Repository $pair.Path | Out-Null
        Get-TagNames $pair.Path | Should -Be 'churn@v0.0.1'
        Get-TagNames $pair.Bare | Should -BeNullOrEmpty
    }

    It 'Register-GtoVersion -Push puts the same annotated tag on the remote' {
        $pair = New-Pair 'register'
        $w = Invoke-Write { Register-GtoVersion churn -Ref $pair.C1 -Push -Repository $pair.Path }
        $w.Errors | Should -BeNullOrEmpty
        $w.Output.Version | Should -Be 'v0.0.1'
        Get-TagObjects $pair.Bare | Should -Be (Get-TagObjects $pair.Path)
        Get-TagObjects $pair.Bare | Should -HaveCount 1
        Invoke-TestGit $pair.Bare @('rev-parse', 'refs/tags/churn@v0.0.1^{commit}') | Should -Be $pair.C1
        Get-RemoteTags $pair.Path | Should -Be (Get-TagObjects $pair.Path)
    }

    It 'Set-GtoStage -Push pushes the implicit registration and the assignment' {
        $pair = New-Pair 'assign'
        $w = Invoke-Write { Set-GtoStage churn prod -Ref $pair.C2 -Push -Repository $pair.Path }
        $w.Errors | Should -BeNullOrEmpty
        Get-TagNames $pair.Bare | Should -Be @('churn#prod#1', 'churn@v0.0.1')
        Get-TagObjects $pair.Bare | Should -Be (Get-TagObjects $pair.Path)
        Invoke-TestGit $pair.Bare @('rev-parse', 'refs/tags/churn#prod#1^{commit}') | Should -Be $pair.C2
    }

    It 'Remove-GtoStage -Delete -Push deletes the stage tags on the remote too' {
        $pair = New-Pair 'delete'
        Register-GtoVersion churn -Ref $pair.C1 -Push -Repository $pair.Path | Out-Null
        Set-GtoStage churn prod -Version v0.0.1 -Push -Repository $pair.Path
        Remove-GtoStage churn v0.0.1 prod -Push -Repository $pair.Path
        Get-TagNames $pair.Bare | Should -Be @('churn#prod!#2', 'churn#prod#1', 'churn@v0.0.1')

        $w = Invoke-Write { Remove-GtoStage churn v0.0.1 prod -Delete -Confirm:$false -Push -Repository $pair.Path }
        $w.Errors | Should -BeNullOrEmpty
        Get-TagNames $pair.Path | Should -Be 'churn@v0.0.1'
        Get-TagNames $pair.Bare | Should -Be 'churn@v0.0.1'
        Get-RemoteTags $pair.Path | Should -Be (Get-TagObjects $pair.Path)
    }

    It 'Disable-GtoArtifact -Delete -Push removes every tag of the artifact from the remote' {
        $pair = New-Pair 'deprecate'
        Set-GtoStage churn prod -Ref $pair.C1 -Push -Repository $pair.Path
        Register-GtoVersion other -Ref $pair.C1 -Push -Repository $pair.Path | Out-Null
        Get-TagNames $pair.Bare | Should -HaveCount 3
        $w = Invoke-Write { Disable-GtoArtifact churn -Delete -Confirm:$false -Push -Repository $pair.Path }
        $w.Errors | Should -BeNullOrEmpty
        Get-TagNames $pair.Bare | Should -Be 'other@v0.0.1'
        Get-TagNames $pair.Path | Should -Be 'other@v0.0.1'
    }
}

Describe 'A failed push' {
    It 'with no remote named origin is PushFailed, keeps the local tag and says how to push it' {
        $work = New-WorkRepository
        $w = Invoke-Write { Register-GtoVersion churn -Push -Repository $work.Path }
        $w.Errors | Should -HaveCount 1
        $e = $w.Errors[0]
        $e.FullyQualifiedErrorId | Should -BeLike 'PushFailed,*'
        $e.CategoryInfo.Category | Should -Be 'ConnectionError'
        $e.Exception.Message | Should -BeLike "*'churn@v0.0.1' exists locally*"
        $e.Exception.Message | Should -BeLike "*git push origin 'churn@v0.0.1'*"
        Get-TagNames $work.Path | Should -Be 'churn@v0.0.1'
        $w.Output.Version | Should -Be 'v0.0.1' -Because 'the registration itself succeeded'
    }

    It 'to a remote path that does not exist is PushFailed and keeps both tags of an assignment' {
        $work = New-WorkRepository
        $missing = Join-Path (New-TempFolder) 'gone.git'
        Invoke-TestGit $work.Path @('remote', 'add', 'origin', $missing) | Out-Null
        $w = Invoke-Write { Set-GtoStage churn prod -Push -Repository $work.Path }
        @($w.Errors | ForEach-Object FullyQualifiedErrorId) | Should -BeLike 'PushFailed,*'
        $w.Errors.Count | Should -BeGreaterOrEqual 1
        $w.Errors[0].Exception.Message | Should -BeLike '*exists locally*'
        Get-TagNames $work.Path | Should -Be @('churn#prod#1', 'churn@v0.0.1')
        Test-Path -LiteralPath $missing | Should -BeFalse
    }

    It 'rejected because the remote has another tag of that name is PushFailed; neither side is overwritten' {
        $server = New-TempFolder
        $bare = New-BareRepository $server 'race'
        # Someone else registered churn@v0.0.1 on another commit and pushed it first.
        $theirs = New-WorkRepository
        Invoke-TestGit $theirs.Path @('remote', 'add', 'origin', $bare) | Out-Null
        Register-GtoVersion churn -Ref $theirs.C2 -Push -Repository $theirs.Path | Out-Null
        $remoteBefore = Get-TagObjects $bare
        $remoteBefore | Should -HaveCount 1

        $work = New-WorkRepository
        Invoke-TestGit $work.Path @('remote', 'add', 'origin', $bare) | Out-Null
        $w = Invoke-Write { Register-GtoVersion churn -Ref $work.C1 -Push -Repository $work.Path }
        $w.Errors | Should -HaveCount 1
        $w.Errors[0].FullyQualifiedErrorId | Should -BeLike 'PushFailed,*'
        $w.Errors[0].Exception.Message | Should -BeLike '*in sync with the remote*'
        $w.Errors[0].Exception.Message | Should -BeLike '*rejected*' -Because 'git''s own reason is part of the message'
        Get-TagObjects $bare | Should -Be $remoteBefore
        Invoke-TestGit $work.Path @('rev-parse', 'refs/tags/churn@v0.0.1^{commit}') | Should -Be $work.C1
    }

    It 'of a deletion says the tag is gone locally but still on the remote' {
        $server = New-TempFolder
        $bare = New-BareRepository $server 'del'
        $work = New-WorkRepository
        Invoke-TestGit $work.Path @('remote', 'add', 'origin', $bare) | Out-Null
        Register-GtoVersion churn -Push -Repository $work.Path | Out-Null
        Invoke-TestGit $work.Path @('remote', 'set-url', 'origin', (Join-Path $server 'moved.git')) | Out-Null
        $w = Invoke-Write { Unregister-GtoVersion churn v0.0.1 -Delete -Confirm:$false -Push -Repository $work.Path }
        $w.Errors | Should -HaveCount 1
        $w.Errors[0].FullyQualifiedErrorId | Should -BeLike 'PushFailed,*'
        $w.Errors[0].Exception.Message | Should -BeLike "*'churn@v0.0.1' was deleted locally but still exists on 'origin'*"
        $w.Errors[0].Exception.Message | Should -BeLike "*git push --delete origin 'churn@v0.0.1'*"
        Get-TagNames $work.Path | Should -BeNullOrEmpty
        Get-TagNames $bare | Should -Be 'churn@v0.0.1'
    }
}

Describe '-Remote' {
    It 'pushes to the named remote and not to origin' {
        $server = New-TempFolder
        $origin = New-BareRepository $server 'origin'
        $backup = New-BareRepository $server 'backup'
        $work = New-WorkRepository
        Invoke-TestGit $work.Path @('remote', 'add', 'origin', $origin) | Out-Null
        Invoke-TestGit $work.Path @('remote', 'add', 'backup', $backup) | Out-Null
        $w = Invoke-Write { Set-GtoStage churn prod -Ref $work.C1 -Push -Remote backup -Repository $work.Path }
        $w.Errors | Should -BeNullOrEmpty
        Get-TagObjects $backup | Should -Be (Get-TagObjects $work.Path)
        Get-TagNames $backup | Should -Be @('churn#prod#1', 'churn@v0.0.1')
        Get-TagNames $origin | Should -BeNullOrEmpty
    }

    It 'a failed push names the remote in the fix' {
        $work = New-WorkRepository
        $w = Invoke-Write { Register-GtoVersion churn -Push -Remote upstream -Repository $work.Path }
        $w.Errors | Should -HaveCount 1
        $w.Errors[0].FullyQualifiedErrorId | Should -BeLike 'PushFailed,*'
        $w.Errors[0].Exception.Message | Should -BeLike "*not on 'upstream'*"
        $w.Errors[0].Exception.Message | Should -BeLike "*git push upstream 'churn@v0.0.1'*"
        Get-TagNames $work.Path | Should -Be 'churn@v0.0.1'
    }

    It '-WhatIf -Push pushes nothing' {
        $server = New-TempFolder
        $bare = New-BareRepository $server 'whatif'
        $work = New-WorkRepository
        Invoke-TestGit $work.Path @('remote', 'add', 'origin', $bare) | Out-Null
        Set-GtoStage churn prod -Push -WhatIf -Repository $work.Path
        Get-TagNames $work.Path | Should -BeNullOrEmpty
        Get-TagNames $bare | Should -BeNullOrEmpty
    }
}
