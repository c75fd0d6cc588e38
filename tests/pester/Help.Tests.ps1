# Help: every exported cmdlet has real help in Get-Help -Full (a synopsis, a description, every parameter
# described, at least two examples with code and an explanation, a HelpUri), the about_Gto topic is found,
# and the MAML file shipped in en-US/ is the one docs/help/*.md compiles to. The cmdlets are enumerated from
# the imported module, never hard-coded, so a new cmdlet or parameter without help fails here.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force
    $modulePath = Get-GtoModulePath
    Import-Module $modulePath -Force
    # WhatIf and Confirm are described by PowerShell's own text; the common parameters are not listed at all.
    $skip = [System.Management.Automation.Cmdlet]::CommonParameters +
        [System.Management.Automation.Cmdlet]::OptionalCommonParameters
    $cmdlets = @(Get-Command -Module Gto | Sort-Object Name | ForEach-Object {
            @{
                Name       = $_.Name
                Parameters = @($_.Parameters.Keys | Where-Object { $_ -notin $skip } | Sort-Object)
            }
        })
}

BeforeAll {
    $repoRoot = (Resolve-Path "$PSScriptRoot/../..").ProviderPath
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force
    $modulePath = Get-GtoModulePath
    Import-Module $modulePath -Force

    # The text of a help field that holds paragraphs (description, remarks), as one string.
    function Get-HelpText($Field) {
        (@($Field) | Where-Object { $_ } | ForEach-Object { if ($_ -is [string]) { $_ } else { $_.Text } }) -join "`n"
    }
}

Describe 'The cmdlets to check' {
    # Guards against a discovery that found nothing, which would make every check below vacuous.
    It 'are every command the module exports' -ForEach @{ Discovered = @($cmdlets.Name) } {
        $Discovered.Count | Should -BeGreaterThan 0
        $Discovered | Should -Be @(Get-Command -Module Gto | Sort-Object Name | ForEach-Object Name)
    }
}

Describe 'Help for <Name>' -ForEach $cmdlets {
    BeforeAll {
        $command = Get-Command $Name -Module Gto
        $help = Get-Help $Name -Full
    }

    It 'comes from the module''s MAML file in en-US/' {
        # PowerShell looks for <cmdlet assembly>-Help.xml in the module folder's culture subfolder.
        Split-Path $command.HelpFile -Leaf | Should -Be 'Gto.PowerShell.dll-Help.xml'
        Join-Path (Get-Module Gto).ModuleBase "en-US/Gto.PowerShell.dll-Help.xml" | Should -Exist
        $help.PSObject.TypeNames | Should -Contain 'MamlCommandHelpInfo'
    }

    It 'has a synopsis that is not the generated syntax stub' {
        $synopsis = "$($help.Synopsis)".Trim()
        $synopsis | Should -Not -BeNullOrEmpty
        # Without help, Get-Help makes the synopsis from the syntax: "<Name> [-Param] <type> ...".
        $synopsis | Should -Not -BeLike "$Name*"
        $synopsis | Should -Not -BeLike '*<CommonParameters>*'
        $synopsis.Length | Should -BeGreaterThan 20
    }

    It 'has a description' {
        $description = Get-HelpText $help.description
        $description.Trim() | Should -Not -BeNullOrEmpty
        $description.Length | Should -BeGreaterThan 80
    }

    It 'describes -<_>' -ForEach $Parameters {
        $parameterName = $_
        $entry = @($help.parameters.parameter | Where-Object { $_.name -eq $parameterName })
        $entry.Count | Should -Be 1 -Because "Get-Help $Name -Full must list -$parameterName"
        (Get-HelpText $entry[0].description).Trim() | Should -Not -BeNullOrEmpty -Because "-$parameterName needs a description"
    }

    It 'lists no parameter the cmdlet does not have' {
        $documented = @($help.parameters.parameter | Where-Object { $_ } | ForEach-Object name)
        foreach ($documentedName in $documented) {
            $command.Parameters.ContainsKey($documentedName) | Should -BeTrue -Because "the help describes -$documentedName"
        }
    }

    It 'has at least two examples, each with code and an explanation' {
        $examples = @($help.examples.example | Where-Object { $_ })
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            "$($example.code)".Trim() | Should -Not -BeNullOrEmpty -Because "$($example.title) needs code"
            (Get-HelpText $example.remarks).Trim() | Should -Not -BeNullOrEmpty -Because "$($example.title) needs remarks"
        }
    }

    It 'describes its inputs and outputs' {
        @($help.inputTypes.inputType | Where-Object { $_ }).Count | Should -BeGreaterThan 0
        @($help.returnValues.returnValue | Where-Object { $_ }).Count | Should -BeGreaterThan 0
        foreach ($output in @($help.returnValues.returnValue | Where-Object { $_ })) {
            "$($output.type.name)" | Should -Not -BeNullOrEmpty
        }
    }

    It 'has a HelpUri for Get-Help -Online' {
        $command.HelpUri | Should -Not -BeNullOrEmpty
        $command.HelpUri | Should -Match '^https://'
    }
}

Describe 'about_Gto' {
    BeforeAll {
        $about = Get-Help about_Gto
        $text = "$about"
    }

    It 'is found by Get-Help after importing the module' {
        $about | Should -Not -BeNullOrEmpty
        $about.Name | Should -Be 'about_Gto'
        $about.Category | Should -Be 'HelpFile'
    }

    It 'explains the tag format, the counter, stages, deprecation, annotations and the workflows' {
        foreach ($needed in @('churn@v1.2.3', 'churn@v1.2.3!', 'churn#prod#N', 'churn#prod!#N', 'churn@deprecated',
                'models/cv=resnet', '-VersionsPerStage', '-AssignmentsPerVersion', '-Sort SemVer', 'stages:',
                'artifacts.yaml', 'dvc.yaml', '-WhatIf', '-Confirm:$false', '-Push', 'gto.lock', 'Resolve-GtoRef')) {
            $text | Should -BeLike "*$needed*" -Because "about_Gto should mention '$needed'"
        }
    }
}

Describe 'The module''s help settings' {
    It 'sets HelpInfoURI in the manifest' {
        (Get-Module Gto).HelpInfoUri | Should -Match '^https://'
    }
}

Describe 'The MAML file and its markdown sources' {
    It 'is what docs/help/Build-GtoHelp.ps1 compiles from docs/help/*.md' {
        $builder = Join-Path $repoRoot 'docs/help/Build-GtoHelp.ps1'
        $maml = Join-Path $repoRoot 'module/en-US/Gto.PowerShell.dll-Help.xml'
        if (-not (Test-Path $builder) -or -not (Test-Path $maml)) {
            Set-ItResult -Skipped -Because 'the markdown sources are not next to this module (an installed copy)'
            return
        }
        # In a child pwsh: the builder imports the module with -Force, which must not disturb this session.
        $pwsh = Get-TestPwshCommand
        $output = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File $builder `
            -ModulePath $modulePath -OutputPath $maml -Check 2>&1
        $LASTEXITCODE | Should -Be 0 -Because "$output"
    }

    It 'ships the same MAML file and about topic as module/en-US' {
        $source = Join-Path $repoRoot 'module/en-US'
        if (-not (Test-Path $source)) {
            Set-ItResult -Skipped -Because 'module/en-US is not next to this module (an installed copy)'
            return
        }
        $shipped = Join-Path (Split-Path $modulePath) 'en-US'
        foreach ($file in 'Gto.PowerShell.dll-Help.xml', 'about_Gto.help.txt') {
            Join-Path $shipped $file | Should -Exist
            (Get-FileHash (Join-Path $shipped $file)).Hash | Should -Be (Get-FileHash (Join-Path $source $file)).Hash
        }
    }
}
