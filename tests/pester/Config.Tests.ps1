# Get-GtoConfig: every setting GTO knows, its value in effect and where it came from (default, .gto, GTO_*
# variable), on real repositories; and configuration errors that blame the variable or the file that is wrong.
# GTO_* variables are set in this process (Get-GtoConfig reads the process environment, as GTO does) and every
# test starts with none of them set.

BeforeAll {
    $repoRoot = (Resolve-Path "$PSScriptRoot/../..").ProviderPath
    $modulePath = if ($env:GTO_MODULE_PATH) { $env:GTO_MODULE_PATH } else { Join-Path $repoRoot 'out/Gto/Gto.psd1' }
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force
    Import-Module $modulePath -Force

    $script:settingNames = 'INDEX', 'CONFIG_FILE_NAME', 'LOG_LEVEL', 'DEBUG', 'EMOJIS', 'types', 'stages', 'enrichments', 'autoload_enrichments'

    # The GTO_* variables of the settings (and near misses the tests set), removed before each test and restored after all.
    $script:savedEnv = @{}
    foreach ($name in @($script:settingNames | ForEach-Object { 'GTO_' + $_.ToUpperInvariant() }) + 'GTO_STAGE') {
        $script:savedEnv[$name] = [Environment]::GetEnvironmentVariable($name)
    }
    function Clear-GtoEnv {
        foreach ($name in @(Get-ChildItem Env: | Where-Object { $_.Name -like 'GTO_*' -and $_.Name -notin 'GTO_MODULE_PATH', 'GTO_TIMINGS' }).Name) {
            Remove-Item "Env:$name"
        }
    }

    # A repository with one commit; -Gto writes a .gto into the work tree (committed with -Commit).
    function New-ConfigRepo([string] $Gto, [switch] $Commit) {
        $repo = New-TestRepository
        $script:repos.Add($repo)
        $files = @{ 'README.md' = "x`n" }
        if ($Commit -and $Gto) { $files['.gto'] = $Gto }
        New-TestCommit $repo $files -Message 'initial' | Out-Null
        if ($Gto -and -not $Commit) { [IO.File]::WriteAllText((Join-Path $repo '.gto'), $Gto) }
        $repo
    }

    # Runs a script block; returns its output, its errors and its warnings apart. A terminating error (inside Pester's
    # try it stops the block) is caught and kept with the rest.
    function Invoke-Config([scriptblock] $Action) {
        $all = [System.Collections.Generic.List[object]]::new()
        try { & $Action 2>&1 3>&1 | ForEach-Object { $all.Add($_) } }
        catch { $all.Add($_) }
        [pscustomobject]@{
            Output   = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] -and $_ -isnot [System.Management.Automation.WarningRecord] })
            Errors   = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            Warnings = @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
        }
    }

    function Get-Setting([object[]] $Settings, [string] $Name) { $Settings | Where-Object Name -CEQ $Name }

    $script:repos = [System.Collections.Generic.List[string]]::new()
}

AfterAll {
    Clear-GtoEnv
    foreach ($name in $script:savedEnv.Keys) { if ($null -ne $script:savedEnv[$name]) { Set-Item "Env:$name" $script:savedEnv[$name] } }
    foreach ($repo in $script:repos) { Remove-TestRepository $repo }
    Remove-TestFolders
}

Describe 'Get-GtoConfig' {
    BeforeEach { Clear-GtoEnv }

    It 'without .gto returns every setting GTO knows, in doctor''s order, each with its default' {
        $repo = New-ConfigRepo
        $settings = @(Get-GtoConfig -Repository $repo)
        $settings.Name | Should -Be $script:settingNames
        $settings | ForEach-Object { $_ | Should -BeOfType ([Gto.ConfigSetting]) }
        $settings.Source | Select-Object -Unique | Should -Be 'Default'
        $settings | Where-Object { $null -ne $_.Origin } | Should -BeNullOrEmpty
        (Get-Setting $settings 'INDEX').Value | Should -Be 'artifacts.yaml'
        (Get-Setting $settings 'CONFIG_FILE_NAME').Value | Should -Be '.gto'
        (Get-Setting $settings 'LOG_LEVEL').Value | Should -Be 'INFO'
        (Get-Setting $settings 'DEBUG').Value | Should -BeFalse
        (Get-Setting $settings 'EMOJIS').Value | Should -BeTrue
        (Get-Setting $settings 'stages').Value | Should -BeNullOrEmpty
        (Get-Setting $settings 'autoload_enrichments').Value | Should -BeTrue
        $settings.Repository | Select-Object -Unique | Should -Be $repo
        $settings.Variable | Should -Be ($script:settingNames | ForEach-Object { 'GTO_' + $_.ToUpperInvariant() })
    }

    It 'works in a repository with no commit yet, and from a subfolder' {
        $repo = New-TestRepository
        $script:repos.Add($repo)
        New-Item -ItemType Directory (Join-Path $repo 'sub') | Out-Null
        [IO.File]::WriteAllText((Join-Path $repo '.gto'), "stages: [dev]`n")
        $stages = Get-GtoConfig stages -Repository (Join-Path $repo 'sub')
        $stages.Value | Should -Be @('dev')
        $stages.Origin | Should -Be (Join-Path $repo '.gto')
        $stages.Repository | Should -Be $repo
    }

    It 'reads .gto from the work tree: each value it sets has Source File and the file as Origin' {
        $repo = New-ConfigRepo "stages: [dev, staging, prod]`ntypes: [model]`nINDEX: meta/index.yaml`nLOG_LEVEL: DEBUG`nEMOJIS: no`n"
        $settings = @(Get-GtoConfig -Repository $repo)
        $fromFile = @($settings | Where-Object Source -EQ 'File')
        $fromFile.Name | Should -Be @('INDEX', 'LOG_LEVEL', 'EMOJIS', 'types', 'stages')
        $fromFile.Origin | Select-Object -Unique | Should -Be (Join-Path $repo '.gto')
        (Get-Setting $settings 'stages').Value | Should -Be @('dev', 'staging', 'prod')
        (Get-Setting $settings 'types').Value | Should -Be @('model')
        (Get-Setting $settings 'INDEX').Value | Should -Be 'meta/index.yaml'
        (Get-Setting $settings 'EMOJIS').Value | Should -BeFalse
        (Get-Setting $settings 'DEBUG').Source | Should -Be 'Default'
    }

    It 'shows the stages the registry uses: the same list Get-GtoStage -Allowed returns' {
        $repo = New-ConfigRepo "stages: [dev, prod]`n"
        $env:GTO_STAGES = '["qa","live"]'
        (Get-GtoConfig stages -Repository $repo).Value | Should -Be @(Get-GtoStage -Allowed -Repository $repo).Name
        (Get-GtoConfig stages -Repository $repo).Value | Should -Be @('qa', 'live')
    }

    It '<Variable> overrides .gto: Source Environment, the variable as Origin' -ForEach @(
        @{ Variable = 'GTO_INDEX'; Text = 'meta/other.yaml'; Name = 'INDEX'; Expected = 'meta/other.yaml' }
        @{ Variable = 'GTO_CONFIG_FILE_NAME'; Text = 'other.gto'; Name = 'CONFIG_FILE_NAME'; Expected = 'other.gto' }
        @{ Variable = 'GTO_LOG_LEVEL'; Text = 'WARNING'; Name = 'LOG_LEVEL'; Expected = 'WARNING' }
        @{ Variable = 'GTO_DEBUG'; Text = 'true'; Name = 'DEBUG'; Expected = $true }
        @{ Variable = 'GTO_EMOJIS'; Text = '0'; Name = 'EMOJIS'; Expected = $false }
        @{ Variable = 'GTO_TYPES'; Text = '["dataset"]'; Name = 'types'; Expected = @('dataset') }
        @{ Variable = 'GTO_STAGES'; Text = '["qa"]'; Name = 'stages'; Expected = @('qa') }
        @{ Variable = 'GTO_ENRICHMENTS'; Text = '[]'; Name = 'enrichments'; Expected = @() }
        @{ Variable = 'GTO_AUTOLOAD_ENRICHMENTS'; Text = 'off'; Name = 'autoload_enrichments'; Expected = $false }
    ) {
        $repo = New-ConfigRepo "INDEX: a.yaml`nCONFIG_FILE_NAME: .gto`nLOG_LEVEL: INFO`nDEBUG: false`nEMOJIS: true`ntypes: [model]`nstages: [dev]`nenrichments: [{type: gto}]`nautoload_enrichments: true`n"
        Set-Item "Env:$Variable" $Text
        $settings = @(Get-GtoConfig -Repository $repo)
        $setting = Get-Setting $settings $Name
        $setting.Source | Should -Be 'Environment'
        $setting.Origin | Should -Be $Variable
        $setting.Variable | Should -Be $Variable
        @($setting.Value) | Should -Be $Expected
        # Only that one: the others still come from the file.
        @($settings | Where-Object Source -EQ 'Environment').Name | Should -Be @($Name)
        @($settings | Where-Object Source -EQ 'File').Count | Should -Be 8
    }

    It 'names a lower-case variable as the environment spells it' -Skip:$IsWindows {
        $repo = New-ConfigRepo
        $env:gto_stages = '["dev"]'
        try { (Get-GtoConfig stages -Repository $repo).Origin | Should -BeExactly 'gto_stages' }
        finally { Remove-Item Env:gto_stages }
    }

    It '-Name takes several names and wildcards, case-insensitive, and completes setting names' {
        $repo = New-ConfigRepo
        @(Get-GtoConfig STAGES, '*enrich*' -Repository $repo).Name | Should -Be @('stages', 'enrichments', 'autoload_enrichments')
        $line = "Get-GtoConfig -Repository '$repo' -Name st"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('stages')
    }

    It 'a literal -Name that is no setting is SettingNotFound (non-terminating) listing the settings' {
        $repo = New-ConfigRepo
        $run = Invoke-Config { Get-GtoConfig stages, stagse -Repository $repo }
        $run.Output.Name | Should -Be @('stages')
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'SettingNotFound,*'
        $run.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $run.Errors[0].Exception.Message | Should -BeLike "Cannot find the setting 'stagse'. The settings are INDEX, *stages*"
    }

    It 'warns about a GTO_* variable one letter from a setting, which GTO ignores' {
        $repo = New-ConfigRepo
        $env:GTO_STAGE = '["dev"]'
        $run = Invoke-Config { Get-GtoConfig -Repository $repo }
        (Get-Setting $run.Output 'stages').Source | Should -Be 'Default'
        $run.Warnings.Count | Should -Be 1
        "$($run.Warnings[0])" | Should -BeLike '*GTO_STAGE is not a GTO setting*Did you mean GTO_STAGES?'
    }

    It 'reads each piped repository once, each object naming its own repository' {
        $a = New-ConfigRepo "stages: [a]`n"
        $b = New-ConfigRepo "stages: [b]`n"
        $settings = @([pscustomobject]@{ Repository = $a }, [pscustomobject]@{ Repository = $b }, [pscustomobject]@{ Repository = $a } |
                Get-GtoConfig stages)
        $settings.Repository | Should -Be @($a, $b)
        $settings.Value | Should -Be @('a', 'b')
    }

    It 'reads a remote registry (file://) from the .gto at its HEAD, naming the URL' {
        $source = New-ConfigRepo "stages: [dev, prod]`n" -Commit
        $server = Join-Path (New-TestFolder) 'server.git'
        Invoke-TestGit $source @('clone', '-q', '--bare', '--', $source, $server) | Out-Null
        $url = [Uri]::new($server).AbsoluteUri
        $stages = Get-GtoConfig stages -Repository $url
        $stages.Value | Should -Be @('dev', 'prod')
        $stages.Source | Should -Be 'File'
        $stages.Origin | Should -Be 'HEAD:.gto'
        $stages.Repository | Should -Be $url
    }

    It 'outside a repository is NotARepository' {
        $folder = New-TestFolder
        $run = Invoke-Config { Get-GtoConfig -Repository $folder }
        $run.Output | Should -BeNullOrEmpty
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'NotARepository,*'
    }
}

Describe 'Get-GtoConfig output' {
    BeforeAll {
        Clear-GtoEnv
        $repo = New-ConfigRepo "stages: [dev, prod]`n"
        $env:GTO_TYPES = '["model"]'
        $settings = @(Get-GtoConfig -Repository $repo)
        Clear-GtoEnv
    }

    It 'ConvertTo-Json gives one object per setting with names, lists and sources as text' {
        $json = $settings | ConvertTo-Json
        $json | Should -Not -Match '"Source":\s*\d'
        $back = $json | ConvertFrom-Json
        $back.Count | Should -Be 9
        ($back[0].PSObject.Properties.Name | Sort-Object) | Should -Be @('Name', 'Origin', 'Repository', 'Source', 'Value', 'Variable')
        $stages = $back | Where-Object Name -EQ 'stages'
        $stages.Value | Should -Be @('dev', 'prod')
        $stages.Source | Should -Be 'File'
        ($back | Where-Object Name -EQ 'types').Source | Should -Be 'Environment'
        ($back | Where-Object Name -EQ 'types').Origin | Should -Be 'GTO_TYPES'
        ($back | Where-Object Name -EQ 'DEBUG').Value | Should -BeOfType ([bool])
        $json | Should -Match '"enrichments",\s*"Value":\s*\[\]'
    }

    It 'Export-Csv writes lists as names, not type names' {
        $csv = $settings | ConvertTo-Csv | ConvertFrom-Csv
        ($csv | Where-Object Name -EQ 'stages').Value | Should -Be 'dev, prod'
        $csv.Value | Should -Not -Contain 'Gto.ValueList'
    }

    It 'has a default table that fits in 120 columns, saying (any) for an unrestricted list, and a list view' {
        $views = Get-FormatData -TypeName Gto.ConfigSetting -PowerShellVersion $PSVersionTable.PSVersion
        $views.FormatViewDefinition[0].Control | Should -BeOfType ([System.Management.Automation.TableControl])
        $views.FormatViewDefinition.Control | Where-Object { $_ -is [System.Management.Automation.ListControl] } | Should -Not -BeNullOrEmpty
        $widths = @($views.FormatViewDefinition[0].Control.Headers | ForEach-Object { $_.Width })
        (($widths | Measure-Object -Sum).Sum + $widths.Count - 1) | Should -BeLessOrEqual 120
        $text = $settings | Format-Table | Out-String -Width 120
        $text | Should -Match "Repository: $([regex]::Escape($repo))"
        $text | Should -Match '(?m)^stages\s+dev, prod\s+File\s+\S*\.gto'
        $text | Should -Match '(?m)^types\s+model\s+Environment\s+GTO_TYPES'
        $text | Should -Match '(?m)^enrichments\s+\(none\)\s+Default'
        (Get-GtoConfig stages -Repository (New-ConfigRepo) | Format-Table | Out-String) | Should -Match '(?m)^stages\s+\(any\)\s+Default'
    }
}

Describe 'Configuration errors name their cause' {
    BeforeEach { Clear-GtoEnv }

    It '<Variable>=<Text> is InvalidConfig blamed on the variable, with its value and the form it needs' -ForEach @(
        @{ Variable = 'GTO_STAGES'; Text = 'dev'; Form = '$env:GTO_STAGES = ''["dev","prod"]''' }
        @{ Variable = 'GTO_STAGES'; Text = '[dev'; Form = '$env:GTO_STAGES = ''["dev","prod"]''' }
        @{ Variable = 'GTO_TYPES'; Text = '[["x"]]'; Form = '$env:GTO_TYPES = ''["model","dataset"]''' }
        @{ Variable = 'GTO_INDEX'; Text = '../outside.yaml'; Form = '$env:GTO_INDEX = ''meta/artifacts.yaml''' }
        @{ Variable = 'GTO_DEBUG'; Text = 'maybe'; Form = '$env:GTO_DEBUG = ''false''' }
    ) {
        $repo = New-ConfigRepo "stages: [dev, prod]`n"
        Set-Item "Env:$Variable" $Text
        foreach ($command in { Get-GtoConfig -Repository $repo }, { Get-GtoArtifact -Repository $repo }) {
            $run = Invoke-Config $command
            $run.Errors.Count | Should -Be 1
            $err = $run.Errors[0]
            $err.FullyQualifiedErrorId | Should -BeLike 'InvalidConfig,*'
            $err.CategoryInfo.Category | Should -Be 'InvalidData'
            $err.TargetObject | Should -Be $Variable
            $err.Exception.Message | Should -BeLike "The environment variable $Variable holds '$([WildcardPattern]::Escape($Text))', which is invalid: *"
            $err.Exception.Message | Should -BeLike "*$([WildcardPattern]::Escape($Form))*Remove-Item Env:$Variable*"
            $err.Exception.Message | Should -Not -BeLike '*.gto*'
        }
    }

    It 'a bad .gto is InvalidConfig naming the file, the key, the value and the form it needs' {
        $repo = New-ConfigRepo "stages: dev`n"
        $run = Invoke-Config { Get-GtoConfig -Repository $repo }
        $run.Output | Should -BeNullOrEmpty
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidConfig,*'
        $run.Errors[0].TargetObject | Should -Be (Join-Path $repo '.gto')
        $run.Errors[0].Exception.Message | Should -Be ("Wrong config file '$(Join-Path $repo '.gto')': 'stages' must be a list of names " +
            "(found 'dev'); write it like 'stages: [dev, prod]'. Fix or remove the file.")
    }

    It 'a misspelt key in .gto is InvalidConfig suggesting the key' {
        $repo = New-ConfigRepo "Stages: [dev]`n"
        $run = Invoke-Config { Get-GtoConfig -Repository $repo }
        $run.Errors[0].Exception.Message | Should -BeLike "Wrong config file '*.gto': unknown setting 'Stages'; did you mean 'stages'? (known: *"
    }

    It 'a stage GTO_STAGES does not list is StageNotAllowed naming the stage and the variable, not .gto, and writes nothing' {
        $repo = New-ConfigRepo "stages: [dev, prod]`n"
        New-TestTag $repo 'churn@v1.0.0' 'Registering' | Out-Null
        $env:GTO_STAGES = '["qa","live"]'
        $before = Get-TagNames $repo
        $run = Invoke-Config { Set-GtoStage churn prod -Version v1.0.0 -Repository $repo -Confirm:$false }
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'StageNotAllowed,*'
        $run.Errors[0].Exception.Message | Should -BeLike "The stage 'prod' is not allowed: the environment variable GTO_STAGES lists 'qa', 'live'. *"
        $run.Errors[0].Exception.Message | Should -Not -BeLike '*.gto*'
        Get-TagNames $repo | Should -Be $before
    }

    It 'a stage .gto does not list is StageNotAllowed naming the stage and the file' {
        $repo = New-ConfigRepo "stages: [dev, prod]`n"
        New-TestTag $repo 'churn@v1.0.0' 'Registering' | Out-Null
        $run = Invoke-Config { Set-GtoStage churn qa -Version v1.0.0 -Repository $repo -Confirm:$false }
        $run.Errors[0].Exception.Message | Should -Be ("The stage 'qa' is not allowed: 'stages' in .gto ('$(Join-Path $repo '.gto')') lists 'dev', 'prod'. " +
            "Use a listed stage, or add 'qa' to 'stages' in .gto ('$(Join-Path $repo '.gto')').")
    }
}
