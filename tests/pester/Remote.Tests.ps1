# Remote registries: -Repository given as a URL (file:// and git:// through a git daemon on 127.0.0.1).
# The module clones the remote bare into a temporary folder once per command (with Write-Progress),
# reads it, pushes every tag a write creates straight back to the URL (no -Push needed, as GTO does for
# remote repositories) and removes the clone when the command ends — also when it fails.
#
# Every test gets its own bare "server" repository, cloned from one source registry:
#   c0  initial commit (no artifacts)
#   c1  artifacts.yaml (churn: type model) and .gto (stages: [dev, prod]);  tags churn@v1.0.0, churn#dev#1;  HEAD of main
#   c2  on branch 'next', not registered (what Register-GtoVersion registers)
# The temp folder is private to this file (TMPDIR/TMP/TEMP point at it), so "no gto-remote-* folder is
# left" is checked exactly, even while other test runs on the machine clone remotes of their own.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force
    $modulePath = Get-GtoModulePath
    Import-Module $modulePath -Force

    # The module's temporary clones go to a folder of this file's own.
    $script:privateTemp = New-TestFolder 'gto-remote-tmp-'
    # The machine's git config (identity, insteadOf rewrites, hooks) must not change what the module's git does;
    # the sandbox also puts back, in AfterAll, the git config variables a test sets.
    $script:sandbox = Enter-TestSandbox -Preserve 'GIT_CONFIG_COUNT', 'GIT_CONFIG_KEY_0', 'GIT_CONFIG_VALUE_0' -Variables @{
        TMPDIR              = $script:privateTemp
        TMP                 = $script:privateTemp
        TEMP                = $script:privateTemp
        # Who writes the tags on the remote registry.
        GIT_COMMITTER_NAME  = 'Remote Tester'
        GIT_COMMITTER_EMAIL = 'remote.tester@example.com'
        GIT_AUTHOR_NAME     = 'Remote Tester'
        GIT_AUTHOR_EMAIL    = 'remote.tester@example.com'
    }
    $script:savedEnv = $script:sandbox.Saved
    if ([IO.Path]::GetTempPath().TrimEnd('/', '\') -ne $script:privateTemp.TrimEnd('/', '\')) {
        throw "The temp path did not follow TMPDIR/TMP/TEMP: $([IO.Path]::GetTempPath())"
    }

    # The module's temporary clones currently in the temp folder.
    function Get-CloneFolders {
        @(Get-ChildItem -LiteralPath $script:privateTemp -Directory -Filter 'gto-remote-*' -Name)
    }

    # The source registry every server repository is cloned from.
    $script:source = New-TestRepository
    $t0 = [DateTimeOffset]::new(2024, 5, 1, 10, 0, 0, [TimeSpan]::Zero)
    $script:c0 = New-TestCommit $script:source @{ 'README.md' = "# churn`n" } -Message 'initial' -Date $t0
    $script:c1 = New-TestCommit $script:source @{
        'artifacts.yaml' = "churn:`n  type: model`n  path: models/churn.pkl`n  description: churn predictor`n"
        '.gto'           = "stages: [dev, prod]`n"
    } -Message 'churn model' -Date $t0.AddMinutes(1)
    New-TestTag $script:source 'churn@v1.0.0' 'Registering churn v1.0.0' -Date $t0.AddMinutes(2) | Out-Null
    New-TestTag $script:source 'churn#dev#1' 'Assigning dev to churn v1.0.0' -Date $t0.AddMinutes(3) | Out-Null
    Invoke-TestGit $script:source @('checkout', '-q', '-b', 'next') | Out-Null
    $script:c2 = New-TestCommit $script:source @{ 'models/notes.txt' = "retrained`n" } -Message 'retrain' -Date $t0.AddMinutes(4)
    Invoke-TestGit $script:source @('checkout', '-q', 'main') | Out-Null

}

AfterAll {
    Exit-TestSandbox $script:sandbox
    Remove-TestFolders
}

Describe 'A remote registry over <Transport>' -ForEach @(
    @{ Transport = 'file://' }
    @{ Transport = 'git:// (git daemon on 127.0.0.1)' }
) {
    BeforeAll {
        $server = New-TestFolder
        $daemon = $null
        if ($Transport -eq 'file://') {
            $urlOf = { param($name) [Uri]::new((Join-Path $server "$name.git")).AbsoluteUri }
        }
        else {
            $started = Start-TestGitDaemon $server
            $daemon = $started.Process
            $port = $started.Port
            $urlOf = { param($name) "git://127.0.0.1:$port/$name.git" }
        }

        # A fresh bare server repository <server>/<Name>.git holding the source registry; returns its path and URL.
        function New-Origin([string] $Name) {
            $bare = Join-Path $server "$Name.git"
            Invoke-TestGit $server @('clone', '-q', '--bare', $script:source, $bare) | Out-Null
            [pscustomobject]@{ Bare = $bare; Url = (& $urlOf $Name) }
        }
    }

    AfterAll {
        if ($daemon -and -not $daemon.HasExited) {
            $daemon.Kill($true)
            $daemon.WaitForExit(5000) | Out-Null
        }
        if ($daemon) { $daemon.Dispose() }
    }

    BeforeEach {
        # Nothing of an earlier test may hide a leftover of this one.
        Get-CloneFolders | Should -BeNullOrEmpty
    }

    AfterEach {
        # Every command removes its clone, whatever happened.
        Get-CloneFolders | Should -BeNullOrEmpty -Because 'temporary clones are removed when the command ends'
    }

    It 'the URL is the transport under test' {
        $o = New-Origin 'url'
        if ($Transport -eq 'file://') { $o.Url | Should -BeLike 'file:///*' } else { $o.Url | Should -BeLike 'git://127.0.0.1:*/url.git' }
    }

    Context 'reading' {
        BeforeAll {
            $o = New-Origin 'read'
            $tagsBefore = Get-TagObjects $o.Bare
        }

        AfterAll {
            Get-TagObjects $o.Bare | Should -Be $tagsBefore -Because 'reading never changes the remote'
        }

        It 'Get-GtoArtifact returns churn with its latest version, stages and annotation, naming the URL' {
            $r = Invoke-Captured { Get-GtoArtifact -Repository $o.Url }
            $r.Errors | Should -BeNullOrEmpty
            $r.Output | Should -HaveCount 1
            $a = $r.Output[0]
            $a | Should -BeOfType ([Gto.Artifact])
            $a.Name | Should -Be 'churn'
            $a.Repository | Should -BeExactly $o.Url
            $a.Latest | Should -Be 'v1.0.0'
            @($a.Stages.Keys) | Should -Be @('dev', 'prod')
            @($a.Stages['dev']) | Should -Be @('v1.0.0')
            @($a.Stages['prod']) | Should -HaveCount 0
            $a.Annotation.Type | Should -Be 'model'
            $a.Annotation.Path | Should -Be 'models/churn.pkl'
            $a.Annotation.Commit | Should -Be $script:c1
        }

        It 'Get-GtoStage gives dev, prod from the remote .gto at HEAD (prod is in no tag)' {
            $stages = @(Get-GtoStage -Repository $o.Url)
            $stages.Name | Should -Be @('dev', 'prod')
            $stages | ForEach-Object { $_.Repository | Should -BeExactly $o.Url }
            ($stages | Where-Object Name -eq 'prod').IsAllowed | Should -BeTrue
            ($stages | Where-Object Name -eq 'prod').IsInUse | Should -BeFalse
        }

        It 'Get-GtoHistory returns the registration and the assignment' {
            $events = @(Get-GtoHistory churn -Repository $o.Url)
            $events | Should -HaveCount 2
            $events.Tag | Should -Contain 'churn@v1.0.0'
            $events.Tag | Should -Contain 'churn#dev#1'
            $events[0].Kind | Should -Be 'Assignment' -Because 'history is newest first'
            $events | ForEach-Object {
                $_.Repository | Should -BeExactly $o.Url
                $_.Commit | Should -Be $script:c1
                $_.Version | Should -Be 'v1.0.0'
            }
        }

        It 'Get-GtoVersion -Latest returns v1.0.0 at c1' {
            $v = Get-GtoVersion churn -Latest -Repository $o.Url
            $v.Version | Should -Be 'v1.0.0'
            $v.Commit | Should -Be $script:c1
            $v.Stages | Should -Be @('dev')
            $v.Repository | Should -BeExactly $o.Url
        }

        It 'Resolve-GtoRef resolves a tag of the remote, with the annotation at its commit' {
            $e = @(Resolve-GtoRef 'churn#dev#1' -Repository $o.Url)
            $e | Should -HaveCount 1
            $e[0] | Should -BeOfType ([Gto.AssignmentEvent])
            $e[0].Version | Should -Be 'v1.0.0'
            $e[0].Stage | Should -Be 'dev'
            $e[0].Repository | Should -BeExactly $o.Url
            $e[0].Annotation.Type | Should -Be 'model'
            $e[0].Annotation.Path | Should -Be 'models/churn.pkl'
            @(Resolve-GtoRef 'refs/heads/main' -Repository $o.Url) | Should -HaveCount 0
        }

        It 'clones into a gto-remote-* folder of the temp folder and removes it when the command ends' {
            $verbose = @(Get-GtoArtifact -Repository $o.Url -Verbose 4>&1 |
                    Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
            $line = $verbose | Where-Object { $_ -like "Reading the registry in '*'." } | Select-Object -First 1
            $line | Should -Not -BeNullOrEmpty
            $clone = $line -replace "^Reading the registry in '(.*)'\.$", '$1'
            Split-Path $clone -Leaf | Should -BeLike 'gto-remote-*'
            (Split-Path $clone -Parent).TrimEnd('/', '\') | Should -Be $script:privateTemp.TrimEnd('/', '\')
            Test-Path -LiteralPath $clone | Should -BeFalse
        }

        It 'leaves no clone behind after any read command' {
            foreach ($command in
                { Get-GtoArtifact -Repository $o.Url },
                { Get-GtoVersion churn -Repository $o.Url },
                { Get-GtoHistory -Repository $o.Url },
                { Get-GtoStage -Repository $o.Url },
                { Resolve-GtoRef 'churn@v1.0.0' -Repository $o.Url },
                { Get-GtoAnnotation -Repository $o.Url },
                { Test-GtoRegistry -Quiet -Repository $o.Url }) {
                $before = Get-CloneFolders
                $r = Invoke-Captured $command
                $r.Errors | Should -BeNullOrEmpty -Because "$command reads the remote"
                $r.Output | Should -Not -BeNullOrEmpty -Because "$command reads the remote"
                Get-CloneFolders | Should -Be $before -Because "$command removes its clone"
            }
        }

        It 'reports its progress with Write-Progress while cloning' {
            $ps = [powershell]::Create()
            try {
                $null = $ps.AddScript(
                    "Import-Module '$($modulePath -replace "'", "''")'; `$ProgressPreference = 'Continue'; " +
                    "Get-GtoArtifact -Repository '$($o.Url)'")
                $out = $ps.Invoke()
                $ps.Streams.Error | Should -BeNullOrEmpty
                $out | Should -HaveCount 1
                $records = @($ps.Streams.Progress)
            }
            finally { $ps.Dispose() }
            $records | Should -Not -BeNullOrEmpty
            $records | ForEach-Object { $_.Activity | Should -BeLike "*$($o.Url)*" }
            @($records | Where-Object RecordType -eq 'Processing') |
                Should -Not -BeNullOrEmpty -Because 'progress is shown while the clone transfers, not only once it is done'
            $records[-1].RecordType | Should -Be 'Completed'
        }
    }

    Context 'writing' {
        It 'Set-GtoStage creates churn#prod#2 on the remote without -Push' {
            $o = New-Origin 'assign'
            $before = Get-TagNames $o.Bare
            $r = Invoke-Captured { Set-GtoStage churn prod -Ref HEAD -New -Repository $o.Url }
            $r.Errors | Should -BeNullOrEmpty
            $before | Should -Be @('churn#dev#1', 'churn@v1.0.0')
            Get-TagNames $o.Bare | Should -Be @('churn#dev#1', 'churn#prod#2', 'churn@v1.0.0')
            Invoke-TestGit $o.Bare @('rev-parse', 'refs/tags/churn#prod#2^{commit}') | Should -Be $script:c1
            Invoke-TestGit $o.Bare @('cat-file', '-t', 'refs/tags/churn#prod#2') | Should -Be 'tag' -Because 'GTO tags are annotated'
            Invoke-TestGit $o.Bare @('for-each-ref', '--format=%(taggername) %(taggeremail)', 'refs/tags/churn#prod#2') |
                Should -Be 'Remote Tester <remote.tester@example.com>'
            (Get-GtoArtifact -Repository $o.Url).Stages['prod'] | Should -Be 'v1.0.0'
        }

        It 'Set-GtoStage -PassThru returns the event of the pushed tag, naming the URL' {
            $o = New-Origin 'passthru'
            $e = @(Set-GtoStage churn prod -Ref HEAD -New -PassThru -Repository $o.Url)
            $e | Should -HaveCount 1
            $e[0].Tag | Should -Be 'churn#prod#2'
            $e[0].Repository | Should -BeExactly $o.Url
            Get-TagNames $o.Bare | Should -Contain 'churn#prod#2'
        }

        It 'Register-GtoVersion registers a commit of the remote and pushes the tag' {
            $o = New-Origin 'register'
            $r = Invoke-Captured { Register-GtoVersion churn -Ref $script:c2 -Repository $o.Url }
            $r.Errors | Should -BeNullOrEmpty
            $r.Output.Version | Should -Be 'v1.0.1'
            Get-TagNames $o.Bare | Should -Contain 'churn@v1.0.1'
            Invoke-TestGit $o.Bare @('rev-parse', 'refs/tags/churn@v1.0.1^{commit}') | Should -Be $script:c2
            (Get-GtoArtifact -Repository $o.Url).Latest | Should -Be 'v1.0.1'
        }

        It 'Get-GtoVersion -Latest -Repository <url> | Set-GtoStage writes to the remote' {
            $o = New-Origin 'pipeline'
            $r = Invoke-Captured { Get-GtoVersion churn -Latest -Repository $o.Url | Set-GtoStage -Stage prod }
            $r.Errors | Should -BeNullOrEmpty
            Get-TagNames $o.Bare | Should -Contain 'churn#prod#2'
            Invoke-TestGit $o.Bare @('rev-parse', 'refs/tags/churn#prod#2^{commit}') | Should -Be $script:c1
        }

        It 'clones into the temp folder and removes the clone after a write' {
            $o = New-Origin 'cleanup'
            $verbose = @(Set-GtoStage churn prod -Ref HEAD -New -PassThru -Repository $o.Url -Verbose 4>&1 |
                    Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
            $line = $verbose | Where-Object { $_ -like "Reading the registry in '*'." } | Select-Object -First 1
            $line | Should -Not -BeNullOrEmpty
            $clone = $line -replace "^Reading the registry in '(.*)'\.$", '$1'
            Split-Path $clone -Leaf | Should -BeLike 'gto-remote-*'
            Test-Path -LiteralPath $clone | Should -BeFalse
            Get-TagNames $o.Bare | Should -Contain 'churn#prod#2'
        }

        It 'leaves no clone behind after any write command' {
            $o = New-Origin 'writes'
            foreach ($command in
                { Register-GtoVersion churn -Ref $script:c2 -Repository $o.Url },
                { Set-GtoStage churn prod -Version v1.0.1 -Repository $o.Url },
                { Remove-GtoStage churn v1.0.1 prod -Repository $o.Url },
                { Unregister-GtoVersion churn v1.0.1 -Repository $o.Url },
                { Disable-GtoArtifact churn -Repository $o.Url }) {
                $before = Get-CloneFolders
                $r = Invoke-Captured $command
                $r.Errors | Should -BeNullOrEmpty -Because "$command writes the remote"
                Get-CloneFolders | Should -Be $before -Because "$command removes its clone"
            }
            Get-TagNames $o.Bare | Should -Be @('churn#dev#1', 'churn#prod!#3', 'churn#prod#2', 'churn@deprecated',
                'churn@v1.0.0', 'churn@v1.0.1', 'churn@v1.0.1!')
        }

        It 'a push the remote rejects (it got a tag of that name on another commit meanwhile) is PushFailed' {
            $o = New-Origin 'race'
            # Another writer pushes churn@v1.0.1 on c0 after our clone was made and before our push: a pre-push
            # hook (through git's environment config, which the module's git inherits) creates it on the server.
            $hooks = New-TestFolder
            $bareForSh = $o.Bare -replace '\\', '/'
            $hook = Join-Path $hooks 'pre-push'
            [IO.File]::WriteAllText($hook, (@(
                        '#!/bin/sh'
                        "pwd > '$($hooks -replace '\\', '/')/clone-dir'"
                        "git --git-dir='$bareForSh' tag -a -m 'their registration' 'churn@v1.0.1' $($script:c0) || exit 1"
                        'exit 0'
                    ) -join "`n") + "`n")
            if (-not $IsWindows) { & chmod +x $hook }
            $env:GIT_CONFIG_COUNT = '1'
            $env:GIT_CONFIG_KEY_0 = 'core.hooksPath'
            $env:GIT_CONFIG_VALUE_0 = $hooks
            try {
                $r = Invoke-Captured { Register-GtoVersion churn -Ref $script:c2 -Repository $o.Url }
            }
            finally {
                foreach ($n in 'GIT_CONFIG_COUNT', 'GIT_CONFIG_KEY_0', 'GIT_CONFIG_VALUE_0') { Set-TestEnv $n $script:savedEnv[$n] }
            }
            Join-Path $hooks 'clone-dir' | Should -Exist -Because 'the push was attempted'
            $r.Errors | Should -HaveCount 1
            $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'PushFailed,*'
            $r.Errors[0].CategoryInfo.Category | Should -Be 'ConnectionError'
            $r.Errors[0].Exception.Message | Should -BeLike '*churn@v1.0.1*'
            $r.Errors[0].Exception.Message | Should -BeLike '*remote registry is unchanged*' -Because 'there is no local repository to push from later'
            $r.Output | Should -BeNullOrEmpty -Because 'a version that never reached the remote registry must not be reported as registered'
            # The remote keeps their tag; ours was never written there.
            Invoke-TestGit $o.Bare @('rev-parse', 'refs/tags/churn@v1.0.1^{commit}') | Should -Be $script:c0
            $clone = (Get-Content -LiteralPath (Join-Path $hooks 'clone-dir') -Raw).Trim()
            Test-Path -LiteralPath $clone | Should -BeFalse -Because 'the clone is removed after a failed push too'
        }
    }

    Context 'an unreachable remote' {
        It 'is a terminating CloneFailed error for a read, and leaves no clone' {
            $url = & $urlOf 'missing'
            $err = { Get-GtoArtifact -Repository $url } | Should -Throw -ErrorId 'CloneFailed,*' -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'CloneFailed,*'
            $err.CategoryInfo.Category | Should -Be 'ConnectionError'
            $err.Exception.Message | Should -BeLike "*$url*"
            Get-CloneFolders | Should -BeNullOrEmpty
        }

        It 'is a terminating CloneFailed error for a write, and leaves no clone' {
            $url = & $urlOf 'missing'
            { Set-GtoStage churn prod -Ref HEAD -New -Repository $url } | Should -Throw -ErrorId 'CloneFailed,*'
            Get-CloneFolders | Should -BeNullOrEmpty
        }

        It 'stops the rest of a script (terminating), even with -ErrorAction SilentlyContinue' {
            $url = & $urlOf 'missing'
            { Get-GtoArtifact -Repository $url -ErrorAction SilentlyContinue; throw 'went on' } |
                Should -Throw -ErrorId 'CloneFailed,*'
        }
    }
}

Describe 'URLs nobody answers' {
    BeforeEach { Get-CloneFolders | Should -BeNullOrEmpty }
    AfterEach { Get-CloneFolders | Should -BeNullOrEmpty }

    It 'file:///nonexistent/x.git is CloneFailed' {
        { Get-GtoArtifact -Repository 'file:///nonexistent/x.git' } | Should -Throw -ErrorId 'CloneFailed,*'
    }

    It 'a git:// port nobody listens on is CloneFailed' {
        $port = Get-FreePort
        { Get-GtoStage -Repository "git://127.0.0.1:$port/origin.git" } | Should -Throw -ErrorId 'CloneFailed,*'
    }
}
