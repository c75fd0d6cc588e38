# Tab completion: artifact names, stages (.gto plus those in use) and versions (of the artifact already on the
# command line) on every cmdlet that takes them, read from the repository the command line points at. Driven
# through TabExpansion2, the way the console and editors ask, against real repositories written with plain git.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force
    $modulePath = Get-GtoModulePath
    Import-Module $modulePath -Force
    Import-Module (Join-Path $PSScriptRoot 'CompletionHelpers.psm1') -Force

    # The main repository: .gto allows dev, staging, prod; churn has two versions and two stages, segment one
    # version, and a monorepo artifact cv/net:nn (tag cv/net=nn@...). 'legacy' is in use but not in .gto.
    $script:r = New-TestRepository
    $first = New-TestCommit $r @{ '.gto' = "stages: [dev, staging, prod]`n"; 'sub/readme.txt' = 'x' } -Message 'first'
    New-TestTag $r 'churn@v1.0.0' 'Registering churn v1.0.0' -Ref $first | Out-Null
    New-TestTag $r 'segment@v0.1.0' 'Registering segment v0.1.0' -Ref $first | Out-Null
    $second = New-TestCommit $r -Message 'second'
    New-TestTag $r 'churn@v1.1.0' 'Registering churn v1.1.0' -Ref $second | Out-Null
    New-TestTag $r 'churn#prod#1' 'Assigning prod to churn v1.0.0' -Ref $first | Out-Null
    New-TestTag $r 'churn#staging#2' 'Assigning staging to churn v1.1.0' -Ref $second | Out-Null
    New-TestTag $r 'cv/net=nn@v0.0.1' 'Registering cv/net:nn v0.0.1' -Ref $second | Out-Null

    # A repository without .gto: the stages offered are exactly the ones in use.
    $script:noConfig = New-TestRepository
    $c = New-TestCommit $noConfig -Message 'only'
    New-TestTag $noConfig 'model@v0.0.1' 'Registering model v0.0.1' -Ref $c | Out-Null
    New-TestTag $noConfig 'model#qa#1' 'Assigning qa' -Ref $c | Out-Null
    New-TestTag $noConfig 'model#canary#2' 'Assigning canary' -Ref $c | Out-Null

    # A folder that is no repository, holding a file whose name the artifact prefix would match.
    $script:plain = New-TestFolder
    Set-Content -LiteralPath (Join-Path $plain 'churn.txt') -Value 'not an artifact'
}

AfterAll {
    Remove-TestFolders
}

Describe 'Artifact name completion' {
    It 'completes a prefix to the artifact: Get-GtoVersion -Name ch' {
        Get-CompletionText "Get-GtoVersion -Repository '$r' -Name ch" | Should -Be @('churn')
    }

    It 'offers every artifact, ordinally sorted, for an empty word' {
        Get-CompletionText "Get-GtoArtifact -Repository '$r' -Name " | Should -Be @('churn', 'cv/net:nn', 'segment')
    }

    It 'completes monorepo names (dir:name) unquoted' {
        Get-CompletionText "Get-GtoArtifact -Repository '$r' cv" | Should -Be @('cv/net:nn')
    }

    It 'matches a prefix case-insensitively and honours wildcards' {
        Get-CompletionText "Get-GtoArtifact -Repository '$r' CH" | Should -Be @('churn')
        Get-CompletionText "Get-GtoArtifact -Repository '$r' *e" | Should -Be @('cv/net:nn', 'segment')
    }

    It 'offers nothing when no artifact matches (and no file names instead)' {
        Get-CompletionText "Get-GtoArtifact -Repository '$r' zz" | Should -BeNullOrEmpty
    }

    It '<Command> -<Parameter> completes artifact names' -TestCases @(
        @{ Command = 'Get-GtoArtifact'; Parameter = 'Name' }
        @{ Command = 'Get-GtoVersion'; Parameter = 'Name' }
        @{ Command = 'Get-GtoVersion'; Parameter = 'Artifact' }
        @{ Command = 'Get-GtoHistory'; Parameter = 'Artifact' }
        @{ Command = 'Get-GtoHistory'; Parameter = 'Name' }
        @{ Command = 'Get-GtoAnnotation'; Parameter = 'Name' }
        @{ Command = 'Register-GtoVersion'; Parameter = 'Name' }
        @{ Command = 'Set-GtoStage'; Parameter = 'Name' }
        @{ Command = 'Remove-GtoStage'; Parameter = 'Name' }
        @{ Command = 'Unregister-GtoVersion'; Parameter = 'Name' }
        @{ Command = 'Disable-GtoArtifact'; Parameter = 'Name' }
        @{ Command = 'Set-GtoAnnotation'; Parameter = 'Name' }
        @{ Command = 'Remove-GtoAnnotation'; Parameter = 'Name' }
    ) {
        param($Command, $Parameter)
        Get-CompletionText "$Command -Repository '$r' -$Parameter seg" | Should -Be @('segment')
    }

    It 'completes the positional name too' {
        Get-CompletionText "Set-GtoStage -Repository '$r' seg" | Should -Be @('segment')
    }

    It 'returns parameter values with the latest version and stages in the tooltip' {
        $match = Get-Completion "Get-GtoArtifact -Repository '$r' churn"
        $match.Count | Should -Be 1
        $match[0].ResultType | Should -Be ([System.Management.Automation.CompletionResultType]::ParameterValue)
        $match[0].ListItemText | Should -Be 'churn'
        $match[0].ToolTip | Should -Match 'latest v1\.1\.0'
        $match[0].ToolTip | Should -Match 'staging v1\.1\.0'
        $match[0].ToolTip | Should -Match 'prod v1\.0\.0'
    }
}

Describe 'Stage completion' {
    It 'Set-GtoStage -Stage offers the .gto stages in their order, then stages in use that .gto does not list' {
        Get-CompletionText "Set-GtoStage -Repository '$r' -Name churn -Stage " | Should -Be @('dev', 'staging', 'prod')
    }

    It 'includes a stage in use that .gto does not list' {
        $extra = New-TestRepository
        $c = New-TestCommit $extra @{ '.gto' = "stages: [dev, prod]`n" }
        New-TestTag $extra 'churn@v1.0.0' 'r' -Ref $c | Out-Null
        New-TestTag $extra 'churn#legacy#1' 'a' -Ref $c | Out-Null
        Get-CompletionText "Set-GtoStage -Repository '$extra' -Name churn -Stage " | Should -Be @('dev', 'prod', 'legacy')
    }

    It 'offers the stages in use when there is no .gto' {
        Get-CompletionText "Set-GtoStage -Repository '$noConfig' -Name model -Stage " | Should -Be @('canary', 'qa')
    }

    It 'completes a prefix' {
        Get-CompletionText "Set-GtoStage -Repository '$r' churn st" | Should -Be @('staging')
    }

    It '<Command> -Stage completes stages' -TestCases @(
        @{ Command = 'Get-GtoVersion'; Line = 'Get-GtoVersion churn -Stage ' }
        @{ Command = 'Get-GtoHistory'; Line = 'Get-GtoHistory -Stage ' }
        @{ Command = 'Set-GtoStage'; Line = 'Set-GtoStage churn -Stage ' }
        @{ Command = 'Remove-GtoStage'; Line = 'Remove-GtoStage churn v1.0.0 -Stage ' }
    ) {
        param($Command, $Line)
        Get-CompletionText ($Line -replace '^(\S+)', "`$1 -Repository '$r'") | Should -Be @('dev', 'staging', 'prod')
    }

    It 'gives each stage a tooltip saying where it comes from' {
        $match = Get-Completion "Set-GtoStage -Repository '$r' churn -Stage d"
        $match[0].ToolTip | Should -Match 'allowed by \.gto'
        $match[0].ToolTip | Should -Match 'not in use'
    }
}

Describe 'Version completion' {
    It 'Set-GtoStage -Version offers the versions of the named artifact only, greatest first' {
        Get-CompletionText "Set-GtoStage -Repository '$r' -Name churn -Version " | Should -Be @('v1.1.0', 'v1.0.0')
    }

    It 'reads the artifact from the alias -Artifact and from the position' {
        Get-CompletionText "Set-GtoStage -Repository '$r' -Artifact segment -Version " | Should -Be @('v0.1.0')
        Get-CompletionText "Unregister-GtoVersion -Repository '$r' segment " | Should -Be @('v0.1.0')
    }

    It 'completes a prefix' {
        Get-CompletionText "Remove-GtoStage -Repository '$r' churn v1.1" | Should -Be @('v1.1.0')
    }

    It '<Command> -Version completes the versions of the artifact' -TestCases @(
        @{ Command = 'Get-GtoVersion'; Line = 'Get-GtoVersion churn -Version ' }
        @{ Command = 'Get-GtoHistory'; Line = 'Get-GtoHistory churn -Version ' }
        @{ Command = 'Set-GtoStage'; Line = 'Set-GtoStage churn prod -Version ' }
        @{ Command = 'Remove-GtoStage'; Line = 'Remove-GtoStage churn -Version ' }
        @{ Command = 'Unregister-GtoVersion'; Line = 'Unregister-GtoVersion churn -Version ' }
    ) {
        param($Command, $Line)
        Get-CompletionText ($Line -replace '^(\S+)', "`$1 -Repository '$r'") | Should -Be @('v1.1.0', 'v1.0.0')
    }

    It 'takes the artifact out of a Get-GtoVersion shortcut' {
        Get-CompletionText "Get-GtoVersion -Repository '$r' churn#prod -Version " | Should -Be @('v1.1.0', 'v1.0.0')
    }

    It 'Get-GtoHistory with wildcard artifacts offers the versions of every match' {
        Get-CompletionText "Get-GtoHistory -Repository '$r' -Artifact seg*,cv* -Version " | Should -Be @('v0.1.0', 'v0.0.1')
    }

    It 'offers nothing for an artifact the registry does not have' {
        Get-CompletionText "Set-GtoStage -Repository '$r' -Name nosuch -Version " | Should -BeNullOrEmpty
    }

    It 'gives each version a tooltip with its stages' {
        $match = Get-Completion "Set-GtoStage -Repository '$r' -Name churn -Version v1.0"
        $match.Count | Should -Be 1
        $match[0].ToolTip | Should -Match 'churn v1\.0\.0'
        $match[0].ToolTip | Should -Match 'stages prod'
    }
}

Describe 'Shortcuts and quoting' {
    It 'Get-GtoVersion -Name churn# offers the stage shortcuts, single-quoted' {
        $texts = Get-CompletionText "Get-GtoVersion -Repository '$r' -Name churn#"
        $texts | Should -Contain "'churn#prod'"
        $texts | Should -Contain "'churn#staging'"
        $texts | Should -Not -Contain 'churn#prod'
    }

    It 'Get-GtoVersion -Name churn@ offers latest, greatest and each version, single-quoted' {
        Get-CompletionText "Get-GtoVersion -Repository '$r' -Name churn@" |
            Should -Be @("'churn@latest'", "'churn@greatest'", "'churn@v1.1.0'", "'churn@v1.0.0'")
    }

    It 'completes a shortcut prefix, listing it unquoted' {
        $match = Get-Completion "Get-GtoVersion -Repository '$r' churn#p"
        $match.Count | Should -Be 1
        $match[0].CompletionText | Should -Be "'churn#prod'"
        $match[0].ListItemText | Should -Be 'churn#prod'
    }

    It 'honours an opening single quote' {
        Get-CompletionText "Get-GtoVersion -Repository '$r' 'churn#p" | Should -Be @("'churn#prod'")
        Get-CompletionText "Get-GtoArtifact -Repository '$r' 'seg" | Should -Be @("'segment'")
    }

    It 'honours an opening double quote' {
        Get-CompletionText "Get-GtoVersion -Repository '$r' `"churn#p" | Should -Be @('"churn#prod"')
    }

    It 'offers no shortcut for an unknown artifact' {
        Get-CompletionText "Get-GtoVersion -Repository '$r' nosuch@" | Should -BeNullOrEmpty
    }

    It 'a completed shortcut runs' {
        $text = @(Get-CompletionText "Get-GtoVersion -Repository '$r' churn#p")[0]
        $versions = @(Invoke-Expression "Get-GtoVersion -Repository '$r' $text")
        $versions.Version | Should -Be @('v1.0.0')
    }
}

Describe 'Which repository' {
    It 'uses the current location inside the repository when there is no -Repository' {
        Push-Location (Join-Path $r 'sub')
        try {
            Get-CompletionText 'Get-GtoVersion -Name ch' | Should -Be @('churn')
            Get-CompletionText 'Set-GtoStage churn -Version ' | Should -Be @('v1.1.0', 'v1.0.0')
        }
        finally { Pop-Location }
    }

    It 'resolves a relative -Repository against the current location' {
        Push-Location (Split-Path $r)
        try {
            Get-CompletionText "Get-GtoArtifact -Repository ./$(Split-Path $r -Leaf) seg" | Should -Be @('segment')
        }
        finally { Pop-Location }
    }

    It 'prefers -Repository over the current location' {
        Push-Location $r
        try {
            Get-CompletionText "Set-GtoStage -Repository '$noConfig' -Name " | Should -Be @('model')
        }
        finally { Pop-Location }
    }

    It 'reads -Repository from a variable' {
        $global:gtoCompletionRepo = $noConfig
        try {
            Get-CompletionText 'Get-GtoArtifact -Repository $gtoCompletionRepo ' | Should -Be @('model')
        }
        finally { Remove-Variable gtoCompletionRepo -Scope Global }
    }

    It 'gives no completions and no error in a folder that is not a repository: <Line>' -TestCases @(
        @{ Line = 'Get-GtoArtifact ch' }
        @{ Line = 'Get-GtoVersion -Name churn#' }
        @{ Line = 'Set-GtoStage churn -Stage ' }
        @{ Line = 'Set-GtoStage churn -Version ' }
    ) {
        param($Line)
        Push-Location $plain
        try {
            $Error.Clear()
            { Get-CompletionText $Line } | Should -Not -Throw
            Get-CompletionText $Line | Should -BeNullOrEmpty
            $Error.Count | Should -Be 0
        }
        finally { Pop-Location }
    }

    It 'gives no completions for a -Repository that is not a repository or does not exist' {
        Get-CompletionText "Get-GtoArtifact -Repository '$plain' " | Should -BeNullOrEmpty
        Get-CompletionText "Get-GtoArtifact -Repository '$plain/missing' " | Should -BeNullOrEmpty
    }

    It 'gives no completions for a repository whose .gto is invalid' {
        $bad = New-TestRepository
        $c = New-TestCommit $bad @{ '.gto' = "nonsense: 1`n" }
        New-TestTag $bad 'churn@v1.0.0' 'r' -Ref $c | Out-Null
        $Error.Clear()
        Get-CompletionText "Get-GtoArtifact -Repository '$bad' " | Should -BeNullOrEmpty
        Get-CompletionText "Set-GtoStage -Repository '$bad' churn -Stage " | Should -BeNullOrEmpty
        $Error.Count | Should -Be 0
    }
}
