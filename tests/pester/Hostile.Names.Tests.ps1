# Hostile names, versions, stages, refs and parameters: what GTO's grammar accepts but git cannot
# store, control characters in any parameter, white-space and broken revisions, tag directory/file
# conflicts and numbers past what Gto stores. Every refused write must give a Gto error (or
# PowerShell's own validation error) and leave the repository exactly as it was; every read of a
# repository holding odd but git-valid tag names must survive (those run in a child pwsh).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force
    $modulePath = Get-GtoModulePath
    Import-Module (Join-Path $PSScriptRoot 'Hostile.psm1') -Force
    Import-Module $modulePath -Force

    function New-Repo {
        $r = New-TestRepository
        New-TestCommit $r -Files @{ 'model.pkl' = 'weights' } | Out-Null
        $r
    }

    # Runs a write that must be refused: the first error has id $Id, every error is a Gto (or
    # PowerShell validation) error, and the repository is unchanged.
    function Assert-Refused([string] $Repo, [scriptblock] $Action, [string] $Id) {
        $before = Get-RepoSnapshot $Repo
        $errors = @()
        try { $errors = @((Invoke-Captured $Action).Errors) }
        catch { $errors = @($_) }
        $errors.Count | Should -BeGreaterThan 0 -Because 'the write must be refused'
        foreach ($e in $errors) { Assert-GtoError $e }
        ($errors[0].FullyQualifiedErrorId -split ',')[0] | Should -Be $Id -Because $errors[0].Exception.Message
        # Assigned first: Get-RepoSnapshot returns its lines as one array object, which Should -Be would not unroll.
        $after = Get-RepoSnapshot $Repo
        $after | Should -Be $before
    }

    # The registry every refused write runs against (none of them may change it).
    $script:repo = New-Repo
    New-TestTag $script:repo 'churn@v1.0.0' 'Registering churn v1.0.0' | Out-Null
    New-TestTag $script:repo 'models' 'not a GTO tag, and a directory for models/...' | Out-Null
    New-TestTag $script:repo 'old@v2.0.0/x' -Lightweight | Out-Null
    New-TestTag $script:repo 'counted@v1.0.0' 'Registering counted' | Out-Null
    New-TestTag $script:repo 'counted#prod#2147483647' 'Assigning the last counter' | Out-Null
    New-TestTag $script:repo 'big@v9223372036854775807.9223372036854775807.9223372036854775807' 'Registering the largest version' | Out-Null
    New-TestTag $script:repo 'huge@v1.2.99999999999999999999' 'GTO can write this, Gto cannot count past it' | Out-Null
    $script:long = (1..6 | ForEach-Object { 'p' * 200 }) -join '/'
    New-TestTag $script:repo "$($script:long)@v1.0.0" 'A long but git-valid name' | Out-Null
    # Gto's write lock file stays once made (see RegistryLock); make it now so snapshots compare only what a case wrote.
    New-Item -ItemType File -Path (Join-Path $script:repo '.git/gto.lock') | Out-Null
    # A fresh commit for registrations, so no "already registered at this commit" check runs first.
    $script:fresh = New-TestCommit $script:repo -Message 'fresh commit'
}

AfterAll {
    Remove-TestFolders
}

Describe 'Names git cannot store' {
    It 'refuses the artifact name <Label>' -TestCases @(
        @{ Label = 'a//b (git would write a/b)'; Value = 'a//b'; Id = 'InvalidTagName' }
        @{ Label = 'with .. in its folder'; Value = 'dir..x:m'; Id = 'InvalidTagName' }
        @{ Label = 'with a folder ending in .lock'; Value = 'a.lock/b:m'; Id = 'InvalidTagName' }
        @{ Label = 'with a folder starting with .'; Value = '.hidden:m'; Id = 'InvalidTagName' }
        @{ Label = 'with a folder part starting with .'; Value = 'a/.b:m'; Id = 'InvalidTagName' }
        @{ Label = 'with // in its folder'; Value = 'dir//sub:m'; Id = 'InvalidTagName' }
        @{ Label = 'with a folder starting with /'; Value = '/dir:m'; Id = 'InvalidTagName' }
        @{ Label = 'with a folder starting with -'; Value = '-dir:m'; Id = 'InvalidTagName' }
        @{ Label = 'of 300 characters'; Value = 'a' * 300; Id = 'InvalidTagName' }
        @{ Label = 'of 30 parts of 200 characters'; Value = ((1..30 | ForEach-Object { 'a' * 200 }) -join '/'); Id = 'InvalidTagName' }
        @{ Label = 'with a trailing newline'; Value = "churn`n"; Id = 'ParameterArgumentValidationError' }
        @{ Label = 'with NUL'; Value = "chu`0rn"; Id = 'ParameterArgumentValidationError' }
        @{ Label = 'with a carriage return'; Value = "churn`r"; Id = 'ParameterArgumentValidationError' }
        @{ Label = 'with a tab'; Value = "ch`turn"; Id = 'ParameterArgumentValidationError' }
        @{ Label = 'with DEL'; Value = "churn$([char]0x7f)"; Id = 'ParameterArgumentValidationError' }
        @{ Label = 'with a space'; Value = 'ch urn'; Id = 'InvalidName' }
        @{ Label = 'with non-ASCII letters'; Value = 'modèle'; Id = 'InvalidName' }
    ) {
        Assert-Refused $script:repo { Register-GtoVersion $Value -New -Ref $script:fresh -Repository $script:repo } $Id
    }

    It 'refuses models/churn while a tag models exists' {
        Assert-Refused $script:repo { Register-GtoVersion 'models/churn' -New -Ref $script:fresh -Repository $script:repo } 'TagNameConflict'
    }

    It 'refuses a stage on models/churn while a tag models exists' {
        Assert-Refused $script:repo { Set-GtoStage 'models/churn' prod -Ref $script:fresh -SkipRegistration -New -Repository $script:repo } 'TagNameConflict'
    }

    It 'refuses old@v2.0.0 while a tag old@v2.0.0/x exists' {
        Assert-Refused $script:repo { Register-GtoVersion old -New -Version v2.0.0 -Ref $script:fresh -Repository $script:repo } 'TagNameConflict'
    }

    It 'refuses a stage on an artifact whose long name leaves no room in the tag' {
        Assert-Refused $script:repo { Set-GtoStage $script:long prod -Version v1.0.0 -Repository $script:repo } 'InvalidTagName'
    }
}

Describe 'Stages git cannot store' {
    It 'refuses the stage <Label>' -TestCases @(
        @{ Label = 'prod//x'; Value = 'prod//x'; Id = 'InvalidTagName' }
        @{ Label = 'of 300 characters'; Value = 's' * 300; Id = 'InvalidTagName' }
        @{ Label = 'with a trailing newline'; Value = "prod`n"; Id = 'ParameterArgumentValidationError' }
        @{ Label = 'with NUL'; Value = "pr`0od"; Id = 'ParameterArgumentValidationError' }
        @{ Label = 'with a tab'; Value = "pr`tod"; Id = 'ParameterArgumentValidationError' }
        @{ Label = 'with ..'; Value = 'pr..od'; Id = 'InvalidName' }
    ) {
        Assert-Refused $script:repo { Set-GtoStage churn $Value -Version v1.0.0 -Repository $script:repo } $Id
    }

    It 'refuses removing the stage "prod`n"' {
        Assert-Refused $script:repo { Remove-GtoStage churn v1.0.0 "prod`n" -Repository $script:repo } 'ParameterArgumentValidationError'
    }
}

Describe 'Versions git cannot store or Gto cannot count' {
    It 'refuses the version <Label>' -TestCases @(
        @{ Label = 'with a trailing newline'; Value = "v1.0.1`n"; Id = 'ParameterArgumentValidationError' }
        @{ Label = 'with NUL'; Value = "v1.0.1`0"; Id = 'ParameterArgumentValidationError' }
        @{ Label = 'with a patch past the largest number'; Value = 'v1.2.99999999999999999999'; Id = 'VersionOutOfRange' }
        @{ Label = 'with a major past the largest number'; Value = 'v9223372036854775808.0.0'; Id = 'VersionOutOfRange' }
        @{ Label = 'with a 300-character prerelease'; Value = 'v1.0.1-' + ('r' * 300); Id = 'InvalidTagName' }
    ) {
        Assert-Refused $script:repo { Register-GtoVersion churn -Version $Value -Ref $script:fresh -Repository $script:repo } $Id
    }

    It 'refuses bumping the <Part> past the largest number' -TestCases @(
        @{ Part = 'Major' }, @{ Part = 'Minor' }, @{ Part = 'Patch' }
    ) {
        Assert-Refused $script:repo { Register-GtoVersion big -Bump $Part -Ref $script:fresh -Repository $script:repo } 'VersionOutOfRange'
    }

    It 'refuses bumping a version too large to count' {
        Assert-Refused $script:repo { Register-GtoVersion huge -Ref $script:fresh -Repository $script:repo } 'VersionOutOfRange'
    }

    It 'refuses deregistering the version "v1.0.0`n"' {
        Assert-Refused $script:repo { Unregister-GtoVersion churn "v1.0.0`n" -Repository $script:repo } 'ParameterArgumentValidationError'
    }

    It 'refuses a counter past the largest number (<Label>)' -TestCases @(
        @{ Label = 'Set-GtoStage'; Action = { Set-GtoStage counted prod -Version v1.0.0 -Force -Repository $script:repo } }
        @{ Label = 'Remove-GtoStage'; Action = { Remove-GtoStage counted v1.0.0 prod -Repository $script:repo } }
        @{ Label = 'Disable-GtoArtifact -Simple:$false'; Action = { Disable-GtoArtifact counted -Simple:$false -Repository $script:repo } }
    ) {
        Assert-Refused $script:repo $Action 'CounterOutOfRange'
    }
}

Describe 'Control characters in other parameters' {
    It 'refuses <Label>' -TestCases @(
        @{ Label = '-Message with NUL'; Action = { Register-GtoVersion churn -Ref $script:fresh -Message "a`0b" -Repository $script:repo } }
        @{ Label = '-Message with an escape'; Action = { Register-GtoVersion churn -Ref $script:fresh -Message "a$([char]27)[31mb" -Repository $script:repo } }
        @{ Label = '-Ref with NUL (git would read HEAD)'; Action = { Register-GtoVersion churn -Ref "HEAD`0x" -Repository $script:repo } }
        @{ Label = '-Remote with a newline'; Action = { Register-GtoVersion churn -Ref $script:fresh -Push -Remote "origin`n" -Repository $script:repo } }
        @{ Label = '-Repository with NUL'; Action = { Get-GtoArtifact -Repository "$($script:repo)`0" } }
        @{ Label = 'Set-GtoAnnotation -Type with a newline'; Action = { Set-GtoAnnotation churn -Type "model`n" -Repository $script:repo } }
        @{ Label = 'Set-GtoAnnotation -Label with NUL'; Action = { Set-GtoAnnotation churn -Label 'ok', "b`0ad" -Repository $script:repo } }
        @{ Label = 'Set-GtoAnnotation -Path with a newline'; Action = { Set-GtoAnnotation churn -Path "model`n.pkl" -Repository $script:repo } }
        @{ Label = 'Set-GtoAnnotation -Description with NUL'; Action = { Set-GtoAnnotation churn -Description "a`0b" -Repository $script:repo } }
        @{ Label = 'Set-GtoAnnotation -CommitMessage with a bell'; Action = { Set-GtoAnnotation churn -Type model -Commit -CommitMessage "a$([char]7)" -Repository $script:repo } }
        @{ Label = 'Remove-GtoAnnotation -Name with a newline'; Action = { Remove-GtoAnnotation "churn`n" -Repository $script:repo } }
        @{ Label = 'Get-GtoVersion -Stage with NUL'; Action = { Get-GtoVersion churn -Stage "prod`0" -Repository $script:repo } }
        @{ Label = 'Get-GtoHistory -Artifact with a newline'; Action = { Get-GtoHistory "churn`n" -Repository $script:repo } }
        @{ Label = 'Resolve-GtoRef with NUL'; Action = { Resolve-GtoRef "churn@v1.0.0`0" -Repository $script:repo } }
        @{ Label = 'ConvertFrom-GtoTag with a trailing newline'; Action = { ConvertFrom-GtoTag "churn@v1.0.0`n" } }
    ) {
        Assert-Refused $script:repo $Action 'ParameterArgumentValidationError'
    }

    It 'keeps line breaks and tabs in -Message' {
        $r = New-Repo
        $message = "first line`r`nsecond`tline"
        $null = Register-GtoVersion churn -New -Message $message -Repository $r -ErrorAction Stop
        (Invoke-TestGit $r @('tag', '-l', '--format=%(contents)', 'churn@v0.0.1')) -join "`n" | Should -Match 'second\tline'
    }

    It 'keeps line breaks and tabs in -Description' {
        $r = New-Repo
        Set-GtoAnnotation churn -Type model -Description "two`nlines`tand a tab" -Commit -Repository $r -ErrorAction Stop
        (Get-GtoAnnotation churn -Repository $r).Description | Should -Be "two`nlines`tand a tab"
    }
}

Describe 'Refs git cannot resolve' {
    It 'refuses the ref <Label>' -TestCases @(
        @{ Label = 'of spaces (Register-GtoVersion)'; Action = { Register-GtoVersion churn -Ref '   ' -Repository $script:repo }; Id = 'RevisionNotFound' }
        @{ Label = 'of spaces (Set-GtoStage)'; Action = { Set-GtoStage churn prod -Ref '  ' -New -Repository $script:repo }; Id = 'RevisionNotFound' }
        @{ Label = 'of spaces (Disable-GtoArtifact)'; Action = { Disable-GtoArtifact churn -Ref ' ' -Repository $script:repo }; Id = 'RevisionNotFound' }
        @{ Label = 'empty'; Action = { Register-GtoVersion churn -Ref '' -Repository $script:repo }; Id = 'ParameterArgumentValidationError' }
        @{ Label = 'HEAD@{'; Action = { Register-GtoVersion churn -Ref 'HEAD@{' -Repository $script:repo }; Id = 'RevisionNotFound' }
        @{ Label = ':/'; Action = { Set-GtoStage churn prod -Ref ':/' -New -Repository $script:repo }; Id = 'RevisionNotFound' }
        @{ Label = '^{'; Action = { Disable-GtoArtifact churn -Ref '^{' -Repository $script:repo }; Id = 'RevisionNotFound' }
        @{ Label = 'of 100000 characters'; Action = { Register-GtoVersion churn -Ref ('a' * 100000) -Repository $script:repo }; Id = 'RevisionNotFound' }
    ) {
        Assert-Refused $script:repo $Action $Id
    }
}

Describe 'Reading repositories with odd but git-valid tag names' {
    BeforeAll {
        # Every read cmdlet, over the registry and over each tag name.
        $script:reads = @'
$tags = @(git -C $Repo for-each-ref '--format=%(refname:strip=2)' refs/tags)
Get-GtoArtifact -Repository $Repo -IncludeDeprecated | ForEach-Object {
    $_.Name
    Get-GtoVersion $_.Name -Repository $Repo -IncludeDeprecated | Out-Null
}
Get-GtoHistory -Repository $Repo | Out-Null
Get-GtoStage -Repository $Repo | Out-Null
Test-GtoRegistry -Repository $Repo | Out-Null
Get-GtoAnnotation -Repository $Repo | Out-Null
foreach ($t in $tags) {
    Resolve-GtoRef $t -Repository $Repo | Out-Null
    Get-GtoAnnotation -Revision $t -Repository $Repo | Out-Null
    Get-GtoVersion $t -Repository $Repo | Out-Null
    ConvertFrom-GtoTag $t | Out-Null
}
'@
        function New-OddRepo([string[]] $Tags) {
            $r = New-Repo
            New-TestTag $r 'churn@v1.0.0' 'a plain registration' | Out-Null
            foreach ($t in $Tags) { New-TestTag $r $t 'odd tag' | Out-Null }
            $r
        }
    }

    It 'survives <Label>' -TestCases @(
        @{ Label = 'unicode names'; Tags = @('modèle@v1.0.0', 'модель#prod#1', '模型@v1.0.0', "smile$([char]::ConvertFromUtf32(0x1F642))@v1.0.0",
                "churn$([char]0xA0)@v1.0.1", "churn$([char]0x85)#prod", "churn$([char]0x202E)@v1.0.2", 'a/é=b@v1.0.0') }
        @{ Label = '= in odd places'; Tags = @('=churn@v1.0.0', 'churn=@v1.0.0', 'a==b@v1.0.0', 'a=b=c@v1.0.0', '=@v1.0.0', 'x/=y@v1.0.0',
                'a=b#prod#1', 'dir/sub=model@v1.0.0', 'dir/sub=model#prod#1') }
        @{ Label = 'very long names'; Tags = @((('a' * 240) + '@v1.0.0'), ((((1..12) | ForEach-Object { 'b' * 200 }) -join '/') + '@v1.0.0'),
                ('churn@v1.0.1-' + ('x' * 230)), ((((1..12) | ForEach-Object { 'c' * 200 }) -join '/') + '#prod#1')) }
        @{ Label = 'numbers Gto cannot count'; Tags = @('n@v1.2.99999999999999999999', 'n#prod#99999999999', 'n@v0.0.0', 'n@v1.0.0#0',
                'm@v9223372036854775807.9223372036854775807.9223372036854775807', 'm#prod#2147483647', 'm@v99999999999999999999.0.0!') }
        @{ Label = 'punctuation git allows'; Tags = @('churn@v1.0.1!!', 'churn#prod!!#1', 'churn@deprecated@deprecated', 'a@b@c', 'x#y#z#1',
                'churn@v1.0.0@', 'churn#', 'churn@', '@churn', '#churn', '!', '@@', 'churn@created', 'churn@v1.0.0+a.b.c') }
    ) {
        $r = New-OddRepo $Tags
        $run = Invoke-GtoChild $r $script:reads
        Assert-Survived $run
        $run.Output | Should -Contain 'churn'
    }

    It 'survives reads at revisions git cannot resolve' {
        $run = Invoke-GtoChild $script:repo @'
foreach ($rev in '   ', 'HEAD@{', ':/', '^{', 'HEAD^{tree}', 'HEAD:model.pkl', ('a' * 100000), ('HEAD' + '~' * 50000), '@{-1}', '..') {
    Get-GtoAnnotation -Revision $rev -Repository $Repo
    Resolve-GtoRef $rev -Repository $Repo
    Get-GtoVersion $rev -Repository $Repo
}
'@
        Assert-Survived $run
        @($run.Errors | Where-Object Id -EQ 'RevisionNotFound').Count | Should -Be 10
    }
}
