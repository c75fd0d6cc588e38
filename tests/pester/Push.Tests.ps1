# -Push: every tag a write cmdlet creates (or deletes) reaches a real remote — a bare repository
# by path, by file:// URL and over a git daemon on 127.0.0.1 — and a failed push is a PushFailed
# error that keeps the local tag and says how to push it later.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force
    $modulePath = Get-GtoModulePath
    Import-Module $modulePath -Force

    # A bare repository <Parent>/<Name>.git, as a server would hold it.
    function New-BareRepository([string] $Parent, [string] $Name) {
        New-TestRepository -Bare -Path (Join-Path $Parent "$Name.git")
    }

    # A working repository with two commits; returns path and commits.
    function New-WorkRepository {
        $r = New-TestRepository
        $c1 = New-TestCommit $r -Message 'one'
        $c2 = New-TestCommit $r -Message 'two'
        [pscustomobject]@{ Path = $r; C1 = $c1; C2 = $c2 }
    }

    # The tags a remote advertises, as the user's `git ls-remote --tags` sees them ("<tag> <object>").
    function Get-RemoteTags([string] $Repo, [string] $Remote = 'origin') {
        @(Invoke-TestGit $Repo @('ls-remote', '--tags', $Remote) |
            Where-Object { $_ -notlike '*^{}' } |
            ForEach-Object { $sha, $ref = $_ -split "`t"; "$($ref -replace '^refs/tags/', '') $sha" } |
            Sort-Object)
    }

}

AfterAll {
    Remove-TestFolders
}

Describe 'Push to a bare remote over <Transport>' -ForEach @(
    @{ Transport = 'a path' }
    @{ Transport = 'a file:// URL' }
    @{ Transport = 'git:// (git daemon on 127.0.0.1)' }
) {
    BeforeAll {
        $server = New-TestFolder
        $daemon = $null
        switch -Wildcard ($Transport) {
            'a path' { $urlOf = { param($name) Join-Path $server "$name.git" } }
            'a file:// URL' { $urlOf = { param($name) [Uri]::new((Join-Path $server "$name.git")).AbsoluteUri } }
            'git://*' {
                $started = Start-TestGitDaemon $server
                $daemon = $started.Process
                $port = $started.Port
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
        Register-GtoVersion churn -New -Repository $pair.Path | Out-Null
        Get-TagNames $pair.Path | Should -Be 'churn@v0.0.1'
        Get-TagNames $pair.Bare | Should -BeNullOrEmpty
    }

    It 'Register-GtoVersion -Push puts the same annotated tag on the remote' {
        $pair = New-Pair 'register'
        $w = Invoke-Captured { Register-GtoVersion churn -New -Ref $pair.C1 -Push -Repository $pair.Path }
        $w.Errors | Should -BeNullOrEmpty
        $w.Output.Version | Should -Be 'v0.0.1'
        Get-TagObjects $pair.Bare | Should -Be (Get-TagObjects $pair.Path)
        Get-TagObjects $pair.Bare | Should -HaveCount 1
        Invoke-TestGit $pair.Bare @('rev-parse', 'refs/tags/churn@v0.0.1^{commit}') | Should -Be $pair.C1
        Get-RemoteTags $pair.Path | Should -Be (Get-TagObjects $pair.Path)
    }

    It 'Set-GtoStage -Push pushes the implicit registration and the assignment' {
        $pair = New-Pair 'assign'
        $w = Invoke-Captured { Set-GtoStage churn prod -Ref $pair.C2 -New -Push -Repository $pair.Path }
        $w.Errors | Should -BeNullOrEmpty
        Get-TagNames $pair.Bare | Should -Be @('churn#prod#1', 'churn@v0.0.1')
        Get-TagObjects $pair.Bare | Should -Be (Get-TagObjects $pair.Path)
        Invoke-TestGit $pair.Bare @('rev-parse', 'refs/tags/churn#prod#1^{commit}') | Should -Be $pair.C2
    }

    It 'Remove-GtoStage -Delete -Push deletes the stage tags on the remote too' {
        $pair = New-Pair 'delete'
        Register-GtoVersion churn -New -Ref $pair.C1 -Push -Repository $pair.Path | Out-Null
        Set-GtoStage churn prod -Version v0.0.1 -Push -Repository $pair.Path
        Remove-GtoStage churn v0.0.1 prod -Push -Repository $pair.Path
        Get-TagNames $pair.Bare | Should -Be @('churn#prod!#2', 'churn#prod#1', 'churn@v0.0.1')

        $w = Invoke-Captured { Remove-GtoStage churn v0.0.1 prod -Delete -Confirm:$false -Push -Repository $pair.Path }
        $w.Errors | Should -BeNullOrEmpty
        Get-TagNames $pair.Path | Should -Be 'churn@v0.0.1'
        Get-TagNames $pair.Bare | Should -Be 'churn@v0.0.1'
        Get-RemoteTags $pair.Path | Should -Be (Get-TagObjects $pair.Path)
    }

    It 'Disable-GtoArtifact -Delete -Push removes every tag of the artifact from the remote' {
        $pair = New-Pair 'deprecate'
        Set-GtoStage churn prod -Ref $pair.C1 -New -Push -Repository $pair.Path
        Register-GtoVersion other -New -Ref $pair.C1 -Push -Repository $pair.Path | Out-Null
        Get-TagNames $pair.Bare | Should -HaveCount 3
        $w = Invoke-Captured { Disable-GtoArtifact churn -Delete -Confirm:$false -Push -Repository $pair.Path }
        $w.Errors | Should -BeNullOrEmpty
        Get-TagNames $pair.Bare | Should -Be 'other@v0.0.1'
        Get-TagNames $pair.Path | Should -Be 'other@v0.0.1'
    }
}

Describe 'A failed push' {
    It 'with no remote named origin is PushFailed, keeps the local tag and says how to push it' {
        $work = New-WorkRepository
        $w = Invoke-Captured { Register-GtoVersion churn -New -Push -Repository $work.Path }
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
        $missing = Join-Path (New-TestFolder) 'gone.git'
        Invoke-TestGit $work.Path @('remote', 'add', 'origin', $missing) | Out-Null
        $w = Invoke-Captured { Set-GtoStage churn prod -Ref HEAD -New -Push -Repository $work.Path }
        @($w.Errors | ForEach-Object FullyQualifiedErrorId) | Should -BeLike 'PushFailed,*'
        $w.Errors.Count | Should -BeGreaterOrEqual 1
        $w.Errors[0].Exception.Message | Should -BeLike '*exists locally*'
        Get-TagNames $work.Path | Should -Be @('churn#prod#1', 'churn@v0.0.1')
        Test-Path -LiteralPath $missing | Should -BeFalse
    }

    It 'rejected because the remote has another tag of that name is PushFailed; neither side is overwritten' {
        $server = New-TestFolder
        $bare = New-BareRepository $server 'race'
        # Someone else registered churn@v0.0.1 on another commit and pushed it first.
        $theirs = New-WorkRepository
        Invoke-TestGit $theirs.Path @('remote', 'add', 'origin', $bare) | Out-Null
        Register-GtoVersion churn -New -Ref $theirs.C2 -Push -Repository $theirs.Path | Out-Null
        $remoteBefore = Get-TagObjects $bare
        $remoteBefore | Should -HaveCount 1

        $work = New-WorkRepository
        Invoke-TestGit $work.Path @('remote', 'add', 'origin', $bare) | Out-Null
        $w = Invoke-Captured { Register-GtoVersion churn -New -Ref $work.C1 -Push -Repository $work.Path }
        $w.Errors | Should -HaveCount 1
        $w.Errors[0].FullyQualifiedErrorId | Should -BeLike 'PushFailed,*'
        $w.Errors[0].Exception.Message | Should -BeLike '*in sync with the remote*'
        $w.Errors[0].Exception.Message | Should -BeLike '*rejected*' -Because 'git''s own reason is part of the message'
        Get-TagObjects $bare | Should -Be $remoteBefore
        Invoke-TestGit $work.Path @('rev-parse', 'refs/tags/churn@v0.0.1^{commit}') | Should -Be $work.C1
    }

    It 'of a deletion says the tag is gone locally but still on the remote' {
        $server = New-TestFolder
        $bare = New-BareRepository $server 'del'
        $work = New-WorkRepository
        Invoke-TestGit $work.Path @('remote', 'add', 'origin', $bare) | Out-Null
        Register-GtoVersion churn -New -Push -Repository $work.Path | Out-Null
        Invoke-TestGit $work.Path @('remote', 'set-url', 'origin', (Join-Path $server 'moved.git')) | Out-Null
        $w = Invoke-Captured { Unregister-GtoVersion churn v0.0.1 -Delete -Confirm:$false -Push -Repository $work.Path }
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
        $server = New-TestFolder
        $origin = New-BareRepository $server 'origin'
        $backup = New-BareRepository $server 'backup'
        $work = New-WorkRepository
        Invoke-TestGit $work.Path @('remote', 'add', 'origin', $origin) | Out-Null
        Invoke-TestGit $work.Path @('remote', 'add', 'backup', $backup) | Out-Null
        $w = Invoke-Captured { Set-GtoStage churn prod -Ref $work.C1 -New -Push -Remote backup -Repository $work.Path }
        $w.Errors | Should -BeNullOrEmpty
        Get-TagObjects $backup | Should -Be (Get-TagObjects $work.Path)
        Get-TagNames $backup | Should -Be @('churn#prod#1', 'churn@v0.0.1')
        Get-TagNames $origin | Should -BeNullOrEmpty
    }

    It 'a failed push names the remote in the fix' {
        $work = New-WorkRepository
        $w = Invoke-Captured { Register-GtoVersion churn -New -Push -Remote upstream -Repository $work.Path }
        $w.Errors | Should -HaveCount 1
        $w.Errors[0].FullyQualifiedErrorId | Should -BeLike 'PushFailed,*'
        $w.Errors[0].Exception.Message | Should -BeLike "*not on 'upstream'*"
        $w.Errors[0].Exception.Message | Should -BeLike "*git push upstream 'churn@v0.0.1'*"
        Get-TagNames $work.Path | Should -Be 'churn@v0.0.1'
    }

    It '-WhatIf -Push pushes nothing' {
        $server = New-TestFolder
        $bare = New-BareRepository $server 'whatif'
        $work = New-WorkRepository
        Invoke-TestGit $work.Path @('remote', 'add', 'origin', $bare) | Out-Null
        Set-GtoStage churn prod -Ref HEAD -New -Push -WhatIf -Repository $work.Path
        Get-TagNames $work.Path | Should -BeNullOrEmpty
        Get-TagNames $bare | Should -BeNullOrEmpty
    }
}
