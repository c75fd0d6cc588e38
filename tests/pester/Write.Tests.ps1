# The write cmdlets (Register-GtoVersion, Set-GtoStage, Remove-GtoStage, Unregister-GtoVersion,
# Disable-GtoArtifact) against real git repositories: -WhatIf writes nothing and says what it
# would write, bad input is a stable error that writes nothing, the tagger identity is git's,
# pipeline binding, and GTO's per-artifact counters and simple/counter tag forms.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force
    $modulePath = Get-GtoModulePath
    Import-Module $modulePath -Force
    $script:pwsh = Get-TestPwshCommand

    # The commit a tag points at.
    function Get-TagCommit([string] $Repo, [string] $Tag) {
        Invoke-TestGit $Repo @('rev-parse', "refs/tags/$Tag^{commit}") | Select-Object -First 1
    }

    # Runs a script in a fresh pwsh (environment given as name -> value, $null removes), returns exit code and all output.
    function Invoke-ChildPwsh([string] $Script, [hashtable] $Environment = @{}) {
        $file = Join-Path ([IO.Path]::GetTempPath()) ("gto-child-" + [Guid]::NewGuid().ToString('N') + '.ps1')
        Set-Content -LiteralPath $file -Value ("`$PSStyle.OutputRendering = 'PlainText'`n" + $Script) -Encoding utf8
        try {
            Use-TestEnvironment $Environment {
                $out = & $script:pwsh[0] @($script:pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $file 2>&1
                [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($out | Out-String) }
            }
        }
        finally {
            Remove-Item -LiteralPath $file -ErrorAction SilentlyContinue
        }
    }

    function Quote([string] $s) { "'" + $s.Replace("'", "''") + "'" }
}

AfterAll {
    Remove-TestFolders
}

Describe '-WhatIf writes no tag and names the tags it would write' {
    BeforeAll {
        # churn: v0.0.1 on c1 with prod assigned, unassigned and assigned again; c2 and c3 are unregistered.
        $r = New-TestRepository
        $c1 = New-TestCommit $r -Message 'one'
        $c2 = New-TestCommit $r -Message 'two'
        $c3 = New-TestCommit $r -Message 'three'
        Register-GtoVersion churn -New -Ref $c1 -Repository $r | Out-Null
        Set-GtoStage churn prod -Version v0.0.1 -Repository $r
        Remove-GtoStage churn v0.0.1 prod -Repository $r
        Set-GtoStage churn prod -Version v0.0.1 -Repository $r
        $before = Get-TagState $r
        $allChurnTags = @('churn@v0.0.1', 'churn#prod#1', 'churn#prod!#2', 'churn#prod#3')

        $modes = [ordered]@{
            'register'                  = "Register-GtoVersion churn -Ref $c2"
            'assign-implicit-register'  = "Set-GtoStage churn staging -Ref $c3 -New"
            'assign-existing'           = 'Set-GtoStage churn staging -Version v0.0.1'
            'unassign'                  = 'Remove-GtoStage churn v0.0.1 prod'
            'deregister'                = 'Unregister-GtoVersion churn v0.0.1'
            'deprecate'                 = 'Disable-GtoArtifact churn'
            'unassign-delete'           = 'Remove-GtoStage churn v0.0.1 prod -Delete'
            'deregister-delete'         = 'Unregister-GtoVersion churn v0.0.1 -Delete'
            'deprecate-delete'          = 'Disable-GtoArtifact churn -Delete'
        }
        # One child pwsh runs every mode (WhatIf text goes to the host, which only a child's output captures);
        # after each, it prints the tag state so each mode is checked on its own.
        $lines = @("Import-Module $(Quote $modulePath)", "`$ErrorActionPreference = 'Continue'")
        foreach ($m in $modes.Keys) {
            $lines += "Write-Host '### $m'"
            $lines += "`$e = `$null; $($modes[$m]) -Repository $(Quote $r) -WhatIf -ErrorVariable e"
            $lines += "Write-Host ('ERRORS ' + @(`$e).Count + ' ' + (@(`$e) -join ' | '))"
            $lines += "Write-Host ('STATE ' + ((git -C $(Quote $r) for-each-ref '--format=%(refname) %(objectname) %(*objectname)' refs/tags) -join ';'))"
        }
        # Not a -WhatIf: a deletion without -Confirm:$false in a non-interactive session cannot ask, so must not delete.
        $lines += "Write-Host '### delete-unconfirmed'"
        $lines += "try { Remove-GtoStage churn v0.0.1 prod -Delete -Repository $(Quote $r) -ErrorAction Stop; Write-Host 'RESULT completed' } catch { Write-Host ('RESULT failed ' + `$_.FullyQualifiedErrorId) }"
        $lines += "Write-Host ('STATE ' + ((git -C $(Quote $r) for-each-ref '--format=%(refname) %(objectname) %(*objectname)' refs/tags) -join ';'))"
        $child = Invoke-ChildPwsh ($lines -join "`n")
        $section = @{}
        foreach ($part in ($child.Output -split '(?m)^### ')) {
            if ($part -match '^(?<m>[a-z-]+)\r?\n(?<body>[\s\S]*)$') { $section[$Matches.m] = $Matches.body }
        }
        $because = "child pwsh (exit $($child.ExitCode)) printed:`n$($child.Output)"
        function Because([string] $Mode) { "-WhatIf output of '$Mode' was:`n$($section[$Mode])" }
    }

    It 'the child session ran every mode' {
        $child.ExitCode | Should -Be 0 -Because $because
        foreach ($m in $modes.Keys) { $section.Keys | Should -Contain $m -Because $because }
    }

    It '<_> writes and deletes nothing' -ForEach @('register', 'assign-implicit-register', 'assign-existing', 'unassign',
        'deregister', 'deprecate', 'unassign-delete', 'deregister-delete', 'deprecate-delete') {
        $section[$_] | Should -Match "(?m)^STATE $([regex]::Escape($before -join ';'))\s*$" -Because (Because $_)
        $section[$_] | Should -Match '(?m)^ERRORS 0 ' -Because "-WhatIf must neither fail nor prompt; $(Because $_)"
        Get-TagState $r | Should -Be $before
    }

    It 'register names the new tag and its commit' {
        $section['register'] | Should -Match 'What if:' -Because (Because 'register')
        $section['register'] | Should -Match "'churn@v0\.0\.2'" -Because (Because 'register')
        $section['register'] | Should -Match $c2.Substring(0, 7) -Because (Because 'register')
    }

    It 'assign names both the implicit registration and the assignment tag' {
        $section['assign-implicit-register'] | Should -Match "'churn@v0\.0\.2'" -Because (Because 'assign-implicit-register')
        $section['assign-implicit-register'] | Should -Match "'churn#staging#4'" -Because (Because 'assign-implicit-register')
        $section['assign-implicit-register'] | Should -Match $c3.Substring(0, 7) -Because (Because 'assign-implicit-register')
    }

    It 'assign of a registered version names the assignment tag' {
        $section['assign-existing'] | Should -Match "'churn#staging#4'" -Because (Because 'assign-existing')
        $section['assign-existing'] | Should -Not -Match "churn@v0\.0\.\d'" -Because "no registration is due; $(Because 'assign-existing')"
    }

    It 'unassign names the unassignment tag' {
        $section['unassign'] | Should -Match "'churn#prod!#4'" -Because (Because 'unassign')
    }

    It 'deregister names the deregistration tag' {
        $section['deregister'] | Should -Match "'churn@v0\.0\.1!'" -Because (Because 'deregister')
    }

    It 'deprecate names the deprecation tag' {
        $section['deprecate'] | Should -Match "'churn@deprecated'" -Because (Because 'deprecate')
    }

    It 'unassign -Delete names every prod tag it would delete, and only those' {
        foreach ($t in 'churn#prod#1', 'churn#prod!#2', 'churn#prod#3') {
            $section['unassign-delete'] | Should -Match "Delete tag '$([regex]::Escape($t))'" -Because (Because 'unassign-delete')
        }
        $section['unassign-delete'] | Should -Not -Match "Delete tag 'churn@v0\.0\.1'" -Because (Because 'unassign-delete')
    }

    It 'deregister -Delete names every tag of the version' {
        foreach ($t in $allChurnTags) {
            $section['deregister-delete'] | Should -Match "Delete tag '$([regex]::Escape($t))'" -Because (Because 'deregister-delete')
        }
    }

    It 'deprecate -Delete names every tag of the artifact' {
        foreach ($t in $allChurnTags) {
            $section['deprecate-delete'] | Should -Match "Delete tag '$([regex]::Escape($t))'" -Because (Because 'deprecate-delete')
        }
    }

    It 'a -Delete without -Confirm:$false in a non-interactive session fails and deletes nothing' {
        $section['delete-unconfirmed'] | Should -Match "(?m)^STATE $([regex]::Escape($before -join ';'))\s*$" -Because (Because 'delete-unconfirmed')
        $section['delete-unconfirmed'] | Should -Match '(?m)^RESULT failed' -Because (Because 'delete-unconfirmed')
    }

    It 'in this session -WhatIf returns nothing and writes nothing either' {
        Register-GtoVersion churn -Ref $c2 -Repository $r -WhatIf | Should -BeNullOrEmpty
        Set-GtoStage churn staging -Ref $c3 -New -Repository $r -WhatIf -PassThru | Should -BeNullOrEmpty
        Disable-GtoArtifact churn -Delete -Repository $r -WhatIf
        Get-TagState $r | Should -Be $before
    }
}

Describe 'Bad input is a stable error that writes nothing' {
    BeforeAll {
        $r = New-TestRepository
        $c1 = New-TestCommit $r @{ '.gto' = "stages: [dev, prod]`n" } -Message 'Restrict stages'
        Register-GtoVersion churn -New -Repository $r | Out-Null
        New-TestCommit $r -Message 'HEAD, unregistered' | Out-Null
        Set-GtoStage churn prod -Version v0.0.1 -Repository $r
        $before = Get-TagState $r
    }

    It '<Case> fails with <Id> (<Category>)' -ForEach @(
        @{ Case = 'Remove-GtoStage of an unknown artifact'; Id = 'ArtifactNotFound'; Category = 'ObjectNotFound'; Text = "'nope'"
            Write = { param($r) Remove-GtoStage nope v0.0.1 prod -Repository $r } }
        @{ Case = 'Register-GtoVersion with a bad name'; Id = 'InvalidName'; Category = 'InvalidArgument'; Text = "'-bad name'"
            Write = { param($r) Register-GtoVersion '-bad name' -Repository $r } }
        @{ Case = 'Set-GtoStage with a bad stage name'; Id = 'InvalidName'; Category = 'InvalidArgument'; Text = "'pro d'"
            Write = { param($r) Set-GtoStage churn 'pro d' -Version v0.0.1 -Repository $r } }
        @{ Case = 'Register-GtoVersion with a version without v'; Id = 'InvalidVersion'; Category = 'InvalidArgument'; Text = "'1.0.0'"
            Write = { param($r) Register-GtoVersion churn -Version 1.0.0 -Repository $r } }
        @{ Case = 'Set-GtoStage with a bad version'; Id = 'InvalidVersion'; Category = 'InvalidArgument'; Text = "'latest'"
            Write = { param($r) Set-GtoStage churn dev -Version latest -Repository $r } }
        @{ Case = 'Set-GtoStage to a stage .gto does not allow'; Id = 'StageNotAllowed'; Category = 'InvalidArgument'; Text = "'staging' is not allowed: 'stages' in .gto"
            Write = { param($r) Set-GtoStage churn staging -Version v0.0.1 -Repository $r } }
        @{ Case = 'Set-GtoStage to the stage the version is in'; Id = 'StageAlreadyAssigned'; Category = 'ResourceExists'; Text = "'prod'"
            Write = { param($r) Set-GtoStage churn prod -Version v0.0.1 -Repository $r } }
        @{ Case = 'Register-GtoVersion on a commit that has a version'; Id = 'VersionAlreadyRegistered'; Category = 'ResourceExists'; Text = "'v0.0.1'"
            Write = { param($r) Register-GtoVersion churn -Ref $c1 -Repository $r } }
    ) {
        $err = (Invoke-Captured { & $Write $r }).Errors
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $err[0].CategoryInfo.Category | Should -Be $Category
        $err[0].Exception.Message | Should -BeLike "*$([WildcardPattern]::Escape($Text))*"
        Get-TagState $r | Should -Be $before
    }

    It 'a folder that is not a repository is NotARepository and creates no .git' {
        $folder = New-TestFolder
        $err = (Invoke-Captured { Register-GtoVersion churn -Repository $folder }).Errors
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'NotARepository,*'
        $err[0].CategoryInfo.Category | Should -BeIn @('InvalidArgument', 'ObjectNotFound')
        $err[0].Exception.Message | Should -BeLike "*$folder*"
        Get-ChildItem -LiteralPath $folder -Force | Should -BeNullOrEmpty
    }

    It 'a folder that does not exist is NotARepository (ObjectNotFound)' {
        $missing = Join-Path (New-TestFolder) 'missing'
        $err = (Invoke-Captured { Set-GtoStage churn prod -Ref HEAD -New -Repository $missing }).Errors
        $err[0].FullyQualifiedErrorId | Should -BeLike 'NotARepository,*'
        $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        Test-Path -LiteralPath $missing | Should -BeFalse
    }

    It 'with -ErrorAction Stop the error is thrown with its id' {
        { Register-GtoVersion churn -Version 1.0.0 -Repository $r -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidVersion*'
        Get-TagState $r | Should -Be $before
    }
}

Describe 'Tagger identity' {
    BeforeAll {
        $emptyHome = New-TestFolder
        # No identity anywhere git looks: none in the repository, an empty HOME, no system config, no GIT_* identity.
        $noIdentity = @{
            HOME = $emptyHome; XDG_CONFIG_HOME = $emptyHome; GIT_CONFIG_NOSYSTEM = '1'
            GIT_COMMITTER_NAME = $null; GIT_COMMITTER_EMAIL = $null; GIT_AUTHOR_NAME = $null; GIT_AUTHOR_EMAIL = $null; EMAIL = $null
        }

        function New-AnonymousRepo {
            $r = New-TestRepository
            $c = New-TestCommit $r -Message 'one'
            Invoke-TestGit $r @('config', '--unset', 'user.name') | Out-Null
            Invoke-TestGit $r @('config', '--unset', 'user.email') | Out-Null
            $r, $c
        }

        # Register-GtoVersion in a child pwsh started with $Environment; returns what it reported.
        function Invoke-ChildRegister([string] $Repo, [hashtable] $Environment) {
            $result = Join-Path (New-TestFolder) 'result.json'
            $script = @"
Import-Module $(Quote $modulePath)
`$e = `$null
`$v = Register-GtoVersion churn -New -Repository $(Quote $Repo) -ErrorVariable e -ErrorAction SilentlyContinue
[ordered]@{
    Version  = `$v.Version
    ErrorId  = if (`$e) { `$e[0].FullyQualifiedErrorId } else { `$null }
    Category = if (`$e) { "`$(`$e[0].CategoryInfo.Category)" } else { `$null }
    Message  = if (`$e) { `$e[0].Exception.Message } else { `$null }
} | ConvertTo-Json | Set-Content $(Quote $result)
"@
            $child = Invoke-ChildPwsh $script $Environment
            if (-not (Test-Path $result)) { throw "The child wrote no result: $($child.Output)" }
            Get-Content $result -Raw | ConvertFrom-Json
        }
    }

    It 'without any identity Register-GtoVersion fails with TaggerIdentityMissing, says how to fix it, and writes no tag' {
        $r, $c = New-AnonymousRepo
        $res = Invoke-ChildRegister $r $noIdentity
        $res.ErrorId | Should -BeLike 'TaggerIdentityMissing,*'
        $res.Category | Should -Be 'InvalidOperation'
        $res.Message | Should -BeLike '*git config user.name*'
        $res.Message | Should -BeLike '*git config user.email*'
        $res.Message | Should -BeLike '*GIT_COMMITTER_NAME*'
        $res.Version | Should -BeNullOrEmpty
        Get-TagNames $r | Should -BeNullOrEmpty
    }

    It 'with GIT_COMMITTER_NAME/EMAIL (and nothing else) the tagger is that identity' {
        $r, $c = New-AnonymousRepo
        $withEnv = $noIdentity.Clone()
        $withEnv.GIT_COMMITTER_NAME = 'Runbook Bot'
        $withEnv.GIT_COMMITTER_EMAIL = 'bot@example.com'
        $res = Invoke-ChildRegister $r $withEnv
        $res.ErrorId | Should -BeNullOrEmpty
        $res.Version | Should -Be 'v0.0.1'
        Invoke-TestGit $r @('for-each-ref', '--format=%(refname:strip=2) %(taggername) %(taggeremail)', 'refs/tags') |
            Should -Be 'churn@v0.0.1 Runbook Bot <bot@example.com>'
    }

    It 'an identity in the file GIT_CONFIG_GLOBAL names is used, as git uses it' {
        # git >= 2.32 reads its global config from GIT_CONFIG_GLOBAL (common in CI); `git tag` would tag as CI Bot.
        $r, $c = New-AnonymousRepo
        $config = Join-Path (New-TestFolder) 'ci.gitconfig'
        Set-Content -LiteralPath $config -Value "[user]`n`tname = CI Bot`n`temail = ci@example.com`n"
        $withGlobal = $noIdentity.Clone()
        $withGlobal.GIT_CONFIG_GLOBAL = $config
        Invoke-TestGit $r @('config', 'user.name') -Environment $withGlobal | Should -Be 'CI Bot'
        $res = Invoke-ChildRegister $r $withGlobal
        $res.ErrorId | Should -BeNullOrEmpty
        Invoke-TestGit $r @('for-each-ref', '--format=%(refname:strip=2) %(taggername) %(taggeremail)', 'refs/tags') |
            Should -Be 'churn@v0.0.1 CI Bot <ci@example.com>'
    }

    It 'GIT_COMMITTER_NAME/EMAIL set in this session win over the repository config, as in git' {
        $r = New-TestRepository   # user.name 'Gto Tester' in its config
        New-TestCommit $r -Message 'one' | Out-Null
        $saved = @{ N = $env:GIT_COMMITTER_NAME; E = $env:GIT_COMMITTER_EMAIL }
        try {
            $env:GIT_COMMITTER_NAME = 'Session Bot'
            $env:GIT_COMMITTER_EMAIL = 'session@example.com'
            Register-GtoVersion churn -New -Repository $r | Out-Null
        }
        finally {
            Set-TestEnv GIT_COMMITTER_NAME $saved.N
            Set-TestEnv GIT_COMMITTER_EMAIL $saved.E
        }
        Invoke-TestGit $r @('for-each-ref', '--format=%(taggername) %(taggeremail)', 'refs/tags/churn@v0.0.1') |
            Should -Be 'Session Bot <session@example.com>'
        $env:GIT_COMMITTER_NAME | Should -Be $saved.N
    }

    It 'an empty HOME set in this session is honoured as git honours it (no identity, no tag)' {
        # git run from this session sees the new HOME; Gto must not tag as an identity git would not use.
        $r, $c = New-AnonymousRepo
        $saved = @{}
        foreach ($k in $noIdentity.Keys) { $saved[$k] = [Environment]::GetEnvironmentVariable($k) }
        try {
            foreach ($k in $noIdentity.Keys) { Set-TestEnv $k $noIdentity[$k] }
            $gitName = & git -C $r config user.name
            $err = $null
            Register-GtoVersion churn -New -Repository $r -ErrorVariable err -ErrorAction SilentlyContinue | Out-Null
        }
        finally {
            foreach ($k in $saved.Keys) { Set-TestEnv $k $saved[$k] }
        }
        $gitName | Should -BeNullOrEmpty -Because 'git finds no user.name with this HOME'
        Invoke-TestGit $r @('for-each-ref', '--format=%(refname:strip=2) %(taggername) %(taggeremail)', 'refs/tags') |
            Should -BeNullOrEmpty -Because 'Gto must not tag with an identity from the HOME the process started with'
        @($err).Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'TaggerIdentityMissing,*'
    }
}

Describe 'Pipeline input' {
    BeforeEach {
        $r = New-TestRepository
        $c1 = New-TestCommit $r -Message 'one'
        $c2 = New-TestCommit $r -Message 'two'
        $c3 = New-TestCommit $r -Message 'three (HEAD, unregistered)'
        Register-GtoVersion churn -New -Ref $c1 -Repository $r | Out-Null
        Register-GtoVersion churn -Ref $c2 -Repository $r | Out-Null
        $elsewhere = New-TestFolder
    }

    It 'Get-GtoVersion -Latest | Set-GtoStage assigns the latest version, from a location outside the repository' {
        Push-Location $elsewhere
        try {
            $err = $null
            Get-GtoVersion churn -Latest -Repository $r | Set-GtoStage -Stage prod -ErrorVariable err
        }
        finally { Pop-Location }
        @($err).Count | Should -Be 0
        Get-TagNames $r | Should -Be @('churn#prod#1', 'churn@v0.0.1', 'churn@v0.0.2')
        Get-TagCommit $r 'churn#prod#1' | Should -Be $c2
        (Get-GtoVersion churn -Stage prod -Repository $r).Version | Should -Be 'v0.0.2'
    }

    It 'the piped Repository wins over a current location inside another registry' {
        $other = New-TestRepository
        New-TestCommit $other -Message 'other' | Out-Null
        Register-GtoVersion churn -New -Repository $other | Out-Null
        $otherBefore = Get-TagState $other
        Push-Location $other
        try { Get-GtoVersion churn -Latest -Repository $r | Set-GtoStage -Stage prod }
        finally { Pop-Location }
        Get-TagCommit $r 'churn#prod#1' | Should -Be $c2
        Get-TagState $other | Should -Be $otherBefore
    }

    It 'every piped version gets its own assignment with its own counter' {
        Push-Location $elsewhere
        try { Get-GtoVersion churn -Repository $r | Set-GtoStage -Stage dev }
        finally { Pop-Location }
        $dev = @(Get-TagNames $r | Where-Object { $_ -like 'churn#dev#*' })
        $dev.Count | Should -Be 2
        @($dev | ForEach-Object { Get-TagCommit $r $_ } | Sort-Object) | Should -Be @(@($c1, $c2) | Sort-Object)
        @($dev | Sort-Object) | Should -Be @('churn#dev#1', 'churn#dev#2')
    }

    It 'Register-GtoVersion output pipes into Set-GtoStage' {
        Push-Location $elsewhere
        try { Register-GtoVersion churn -Ref $c3 -Repository $r | Set-GtoStage -Stage prod }
        finally { Pop-Location }
        Get-TagCommit $r 'churn@v0.0.3' | Should -Be $c3
        Get-TagCommit $r 'churn#prod#1' | Should -Be $c3
    }
}

Describe 'Counters are per artifact, across actions; -Simple selects the form' {
    BeforeAll {
        $r = New-TestRepository
        $c1 = New-TestCommit $r -Message 'one'
        $c2 = New-TestCommit $r -Message 'two'
        $c3 = New-TestCommit $r -Message 'three'
    }

    # The steps run in order, each on the state the previous ones left.
    It '<Step> creates <Tag>' -ForEach @(
        @{ Step = 'register (simple by default)'; Tag = 'churn@v0.0.1'; Commit = 'c1'; Write = { Register-GtoVersion churn -New -Ref $c1 -Repository $r } }
        @{ Step = 'assign prod'; Tag = 'churn#prod#1'; Commit = 'c1'; Write = { Set-GtoStage churn prod -Version v0.0.1 -Repository $r } }
        @{ Step = 'assign staging'; Tag = 'churn#staging#2'; Commit = 'c1'; Write = { Set-GtoStage churn staging -Version v0.0.1 -Repository $r } }
        @{ Step = 'unassign prod'; Tag = 'churn#prod!#3'; Commit = 'c1'; Write = { Remove-GtoStage churn v0.0.1 prod -Repository $r } }
        @{ Step = 'another artifact starts at 1'; Tag = 'other@v0.0.1#1'; Commit = 'c1'; Write = { Register-GtoVersion other -New -Ref $c1 -Simple:$false -Repository $r } }
        @{ Step = 'force assign staging again'; Tag = 'churn#staging#4'; Commit = 'c1'; Write = { Set-GtoStage churn staging -Version v0.0.1 -Force -Repository $r } }
        @{ Step = 'assign -Simple'; Tag = 'churn#dev'; Commit = 'c1'; Write = { Set-GtoStage churn dev -Version v0.0.1 -Simple -Repository $r } }
        @{ Step = 'unassign -Simple'; Tag = 'churn#dev!'; Commit = 'c1'; Write = { Remove-GtoStage churn v0.0.1 dev -Simple -Repository $r } }
        @{ Step = 'register -Simple:$false'; Tag = 'churn@v0.0.2#5'; Commit = 'c2'; Write = { Register-GtoVersion churn -Ref $c2 -Simple:$false -Repository $r } }
        @{ Step = 'assign with implicit registration (registration always simple)'; Tag = 'churn@v0.0.3', 'churn#prod#6'; Commit = 'c3'; Write = { Set-GtoStage churn prod -Ref $c3 -New -Simple:$false -Repository $r } }
        @{ Step = 'deregister -Simple:$false'; Tag = 'churn@v0.0.2!#7'; Commit = 'c2'; Write = { Unregister-GtoVersion churn v0.0.2 -Simple:$false -Repository $r } }
        @{ Step = 'deregister (simple by default)'; Tag = 'churn@v0.0.3!'; Commit = 'c3'; Write = { Unregister-GtoVersion churn v0.0.3 -Repository $r } }
        @{ Step = 'deprecate (simple by default)'; Tag = 'churn@deprecated'; Commit = $null; Write = { Disable-GtoArtifact churn -Repository $r } }
        @{ Step = 'deprecate -Force (counter)'; Tag = 'churn@deprecated#8'; Commit = $null; Write = { Disable-GtoArtifact churn -Force -Repository $r } }
    ) {
        $before = @(Get-TagNames $r)
        $err = (Invoke-Captured $Write).Errors
        $err.Count | Should -Be 0 -Because "$err"
        $new = @(Get-TagNames $r | Where-Object { $_ -notin $before })
        @($new | Sort-Object) | Should -Be @($Tag | Sort-Object)
        if ($Commit) {
            $sha = Get-Variable -Name $Commit -ValueOnly
            foreach ($t in $Tag) { Get-TagCommit $r $t | Should -Be $sha }
        }
    }

    It 'every tag written is annotated with GTO''s default message' {
        Invoke-TestGit $r @('for-each-ref', '--format=%(objecttype) %(contents:subject)', 'refs/tags/churn#prod#1', 'refs/tags/churn@v0.0.1') |
            Should -Be @('tag Assigning stage prod to artifact churn version v0.0.1', 'tag Registering artifact churn version v0.0.1')
        @(Invoke-TestGit $r @('for-each-ref', '--format=%(objecttype)', 'refs/tags') | Sort-Object -Unique) | Should -Be @('tag')
    }

    It 'the registry reads the written history back' {
        (Get-GtoArtifact other -Repository $r).Latest | Should -Be 'v0.0.1'
        # (Whether churn reads as deprecated depends on tag timestamps: within one second a version event wins.)
        $deprecations = @(Get-GtoHistory churn -Repository $r | Where-Object Kind -EQ 'Deprecation')
        @($deprecations.Tag | Sort-Object) | Should -Be @('churn@deprecated', 'churn@deprecated#8')
        Test-GtoRegistry -Quiet -Repository $r | Should -BeTrue
    }
}
