# Loud mistakes (about_Gto, ERRORS; docs/compatibility.md, "Pipelines, loud mistakes and messages"): a literal
# artifact, version or stage that selects nothing is a non-terminating ObjectNotFound error with a hint; writes
# that would create an artifact or take HEAD ask for intent; -WhatIf runs the real run's checks; messages use
# PowerShell's parameter names and name the rejected value and the right cause.

BeforeAll {
    $repoRoot = (Resolve-Path "$PSScriptRoot/../..").ProviderPath
    $modulePath = if ($env:GTO_MODULE_PATH) { $env:GTO_MODULE_PATH } else { Join-Path $repoRoot 'out/Gto/Gto.psd1' }
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force
    Import-Module $modulePath -Force

    # fraud: v1.0.0 .. v2.0.0, v1.2.0 in staging; churn: v1.0.0 in prod; .gto allows dev, staging, prod and qa.
    $script:r = New-TestRepository
    $null = New-TestCommit $script:r @{ '.gto' = "stages: [dev, staging, prod, qa]`n"; 'a.txt' = '1' }
    $null = Register-GtoVersion churn -New -Version v1.0.0 -Repository $script:r
    foreach ($v in 'v1.0.0', 'v1.1.0', 'v1.2.0', 'v2.0.0') {
        $null = Register-GtoVersion fraud -New -Version $v -Repository $script:r
        $null = New-TestCommit $script:r @{ 'a.txt' = $v }
    }
    $null = Set-GtoStage churn prod -Version v1.0.0 -Repository $script:r
    $null = Set-GtoStage fraud staging -Version v1.2.0 -Repository $script:r

    function Get-Tags { @(Invoke-TestGit $script:r @('for-each-ref', '--format=%(refname:strip=2) %(objectname)', 'refs/tags')) }
    $script:tags = Get-Tags

    # Runs a command in the registry; returns its output and errors (none may be terminating).
    function Invoke-Read([scriptblock] $Action) {
        Push-Location $script:r
        try { Invoke-Captured $Action } finally { Pop-Location }
    }
}

AfterAll { Remove-TestRepository $script:r }

Describe 'A literal name that selects nothing is an ObjectNotFound error with a hint' {
    It '<Case>: <Id> saying <Text>' -ForEach @(
        @{ Case = "Get-GtoVersion 'fraud#prd'"; Action = { Get-GtoVersion 'fraud#prd' }; Id = 'StageNotFound'; Text = "*'prd'*Did you mean 'prod'?*" }
        @{ Case = 'Get-GtoVersion -Stage prd'; Action = { Get-GtoVersion fraud -Stage prd }; Id = 'StageNotFound'; Text = "*'dev', 'staging', 'prod' and 'qa'*" }
        @{ Case = 'Get-GtoVersion -Stage qa (only in .gto)'; Action = { Get-GtoVersion fraud -Stage qa }; Id = 'VersionNotFound'; Text = "*.gto allows stage 'qa', but no version of any artifact holds it*" }
        @{ Case = 'Get-GtoVersion -Stage prod (nothing of fraud there)'; Action = { Get-GtoVersion fraud -Stage prod }; Id = 'VersionNotFound'; Text = "No version of 'fraud' is in stage 'prod'.*" }
        @{ Case = 'Get-GtoVersion -Version v9.9.9'; Action = { Get-GtoVersion fraud -Version v9.9.9 }; Id = 'VersionNotFound'; Text = "*'v9.9.9' of 'fraud'*'v2.0.0', 'v1.2.0', 'v1.1.0' and 'v1.0.0'*" }
        @{ Case = 'Get-GtoVersion -Version 1.0.0 (no v)'; Action = { Get-GtoVersion fraud -Version 1.0.0 }; Id = 'VersionNotFound'; Text = "*start with 'v': did you mean 'v1.0.0'?*" }
        @{ Case = 'Get-GtoVersion fraud@1.0.0 (no v)'; Action = { Get-GtoVersion fraud@1.0.0 }; Id = 'ArtifactNotFound'; Text = "*did you mean 'fraud@v1.0.0'?*" }
        @{ Case = 'Get-GtoHistory fruad'; Action = { Get-GtoHistory fruad }; Id = 'ArtifactNotFound'; Text = "*'fruad'. Did you mean 'fraud'?*" }
        @{ Case = 'Get-GtoHistory -Version v9.9.9'; Action = { Get-GtoHistory fraud -Version v9.9.9 }; Id = 'VersionNotFound'; Text = "*version 'v9.9.9'*" }
        @{ Case = 'Get-GtoArtifact fruad'; Action = { Get-GtoArtifact fruad }; Id = 'ArtifactNotFound'; Text = "*Did you mean 'fraud'?*" }
    ) {
        $run = Invoke-Read $Action
        $run.Output | Should -BeNullOrEmpty
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $run.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $run.Errors[0].Exception.Message | Should -BeLike $Text
    }

    It 'is non-terminating: the other names of the same command are still read' {
        $run = Invoke-Read { Get-GtoVersion fruad, churn }
        $run.Errors.Count | Should -Be 1
        @($run.Output).Version | Should -Be 'v1.0.0'
    }

    It 'wildcards that select nothing stay silent' {
        $run = Invoke-Read { Get-GtoVersion zz*; Get-GtoVersion * -Stage qa; Get-GtoArtifact zz*; Get-GtoHistory zz* }
        $run.Errors | Should -BeNullOrEmpty
        $run.Output | Should -BeNullOrEmpty
    }

    It 'a wildcard with an unknown stage is still StageNotFound' {
        $run = Invoke-Read { Get-GtoVersion * -Stage prd }
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'StageNotFound,*'
    }
}

Describe 'Writes ask for intent' {
    It 'Set-GtoStage without -Version or -Ref is VersionOrRefRequired and writes nothing' {
        $run = Invoke-Read { Set-GtoStage fraud prod }
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'VersionOrRefRequired,*'
        $run.Errors[0].Exception.Message | Should -BeLike '*-Version*-Ref HEAD*'
        Get-Tags | Should -Be $script:tags
    }

    It 'Set-GtoStage of an unknown artifact is ArtifactNotFound, naming -New and the near name' {
        $run = Invoke-Read { Set-GtoStage fruad prod -Ref HEAD }
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ArtifactNotFound,*'
        $run.Errors[0].Exception.Message | Should -BeLike "*Did you mean 'fraud'?*-New*"
        Get-Tags | Should -Be $script:tags
    }

    It 'Set-GtoStage -Ref HEAD -New creates the artifact, as GTO does without them' {
        $fresh = New-TestRepository
        try {
            $null = New-TestCommit $fresh @{ 'a.txt' = '1' }
            $run = Invoke-Captured { Set-GtoStage brandnew dev -Ref HEAD -New -PassThru -Repository $fresh }
            $run.Errors | Should -BeNullOrEmpty
            @($run.Output.Tag) | Should -Be @('brandnew@v0.0.1', 'brandnew#dev#1')
        }
        finally { Remove-TestRepository $fresh }
    }

    It 'Set-GtoAnnotation -WhatIf fails where the real run fails (a type .gto does not allow)' {
        Set-Content -LiteralPath (Join-Path $script:r '.gto') -Value "stages: [dev, staging, prod, qa]`ntypes: [model]`n"
        try {
            $run = Invoke-Read { Set-GtoAnnotation fraud -Type report -WhatIf }
            $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'TypeNotAllowed,*'
            Test-Path (Join-Path $script:r 'artifacts.yaml') | Should -BeFalse
        }
        finally { Set-Content -LiteralPath (Join-Path $script:r '.gto') -Value "stages: [dev, staging, prod, qa]`n" }
    }
}

Describe 'Messages name the parameter, the rejected value and the right cause' {
    It '<Case>' -ForEach @(
        @{ Case = 'Set-GtoStage fruad prod -Version v1.0.0: the artifact is missing, not the version'
            Action = { Set-GtoStage fruad prod -Version v1.0.0 }; Id = 'ArtifactNotFound'; Text = "Cannot find artifact 'fruad'*Did you mean 'fraud'?*" }
        @{ Case = 'Unregister-GtoVersion fraud v9.9.9: that version is not registered for fraud'
            Action = { Unregister-GtoVersion fraud v9.9.9 }; Id = 'VersionNotFound'; Text = "Version 'v9.9.9' of 'fraud' is not registered.*'v2.0.0'*" }
        @{ Case = 'Set-GtoStage to a stage .gto does not allow names it and the allowed ones'
            Action = { Set-GtoStage fraud prd -Version v1.0.0 }; Id = 'StageNotAllowed'; Text = "The stage 'prd' is not allowed*'dev', 'staging', 'prod', 'qa'. Did you mean 'prod'?*" }
        @{ Case = 'Set-GtoStage to the stage the version holds says -Force, not --force'
            Action = { Set-GtoStage churn prod -Version v1.0.0 }; Id = 'StageAlreadyAssigned'; Text = "*Use -Force*" }
        @{ Case = 'Register-GtoVersion -Version 1.2.3 suggests v1.2.3'
            Action = { Register-GtoVersion fraud -Version 1.2.3 -Ref HEAD }; Id = 'InvalidVersion'; Text = "*did you mean 'v1.2.3'?*" }
        @{ Case = 'Register-GtoVersion with -Version and -Bump names both parameters'
            Action = { Register-GtoVersion fraud -Version v3.0.0 -Bump Major }; Id = 'AmbiguousVersion'; Text = "Give either -Version or -Bump*" }
    ) {
        $run = Invoke-Read $Action
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $run.Errors[0].Exception.Message | Should -BeLike $Text
        $run.Errors[0].Exception.Message | Should -Not -BeLike '*--*'
        Get-Tags | Should -Be $script:tags
    }
}

Describe 'Terminating or not: one rule for every cmdlet' {
    It 'a repository that cannot be read ends the command (<Command>)' -ForEach @(
        @{ Command = 'Get-GtoArtifact'; Action = { param($p) Get-GtoArtifact -Repository $p } }
        @{ Command = 'Get-GtoVersion'; Action = { param($p) Get-GtoVersion churn -Repository $p } }
        @{ Command = 'Get-GtoStage'; Action = { param($p) Get-GtoStage -Repository $p } }
        @{ Command = 'Test-GtoRegistry'; Action = { param($p) Test-GtoRegistry -Repository $p } }
    ) {
        $missing = Join-Path $script:r 'no-such-folder'
        { & $Action $missing } | Should -Throw -ErrorId 'NotARepository,*'
    }

    It 'a mistake about one input is non-terminating in reads and writes alike' {
        $run = Invoke-Read {
            Get-GtoVersion fraud -Version v9.9.9
            Unregister-GtoVersion fraud v9.9.9
            Set-GtoStage fraud prod
            'went on'
        }
        @($run.Errors.FullyQualifiedErrorId | ForEach-Object { ($_ -split ',')[0] }) |
            Should -Be @('VersionNotFound', 'VersionNotFound', 'VersionOrRefRequired')
        $run.Output | Should -Be 'went on'
    }

    It 'parameters that contradict each other end the command before any input (ConflictingTagForm)' {
        { 'x' | ForEach-Object { [pscustomobject]@{ Artifact = 'fraud'; Version = 'v1.0.0' } } |
                Set-GtoStage -Stage dev -Simple -TagForm Counted -Repository $script:r } | Should -Throw -ErrorId 'ConflictingTagForm,*'
    }
}
