# Register-GtoVersion asks for intent before it creates an artifact (about_Gto, ERRORS; docs/compatibility.md,
# "Register-GtoVersion asks for -New"): a name the registry does not know (no tags, no annotation at HEAD or at
# -Ref) is a non-terminating ArtifactNotFound naming the near names and -New, and writes nothing; -New creates it,
# and is harmless on an artifact that exists, as Set-GtoStage -New is. An annotated artifact is known, so its first
# registration needs no -New.

BeforeAll {
    $repoRoot = (Resolve-Path "$PSScriptRoot/../..").ProviderPath
    $modulePath = if ($env:GTO_MODULE_PATH) { $env:GTO_MODULE_PATH } else { Join-Path $repoRoot 'out/Gto/Gto.psd1' }
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force
    Import-Module $modulePath -Force

    # fraud: v1.0.0 on the first commit; HEAD is a second, unregistered commit.
    function New-FraudRegistry {
        $r = New-TestRepository
        $null = New-TestCommit $r @{ 'a.txt' = '1' }
        $null = Register-GtoVersion fraud -New -Version v1.0.0 -Repository $r
        $null = New-TestCommit $r @{ 'a.txt' = '2' }
        $r
    }

    function Get-ErrorId($record) { ($record.FullyQualifiedErrorId -split ',')[0] }
}

AfterAll { Remove-TestFolders }

Describe 'Register-GtoVersion of a name the registry does not know' {
    BeforeAll { $script:r = New-FraudRegistry }
    AfterAll { Remove-TestRepository $script:r }

    It 'a typo of an existing name is ArtifactNotFound (ObjectNotFound) naming the near name and -New, and writes no tag' {
        $before = Get-TagNames $script:r
        $run = Invoke-Captured { Register-GtoVersion fruad -Repository $script:r }
        $run.Output | Should -BeNullOrEmpty
        $run.Errors | Should -HaveCount 1
        Get-ErrorId $run.Errors[0] | Should -Be 'ArtifactNotFound'
        $run.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $run.Errors[0].TargetObject | Should -Be 'fruad'
        $run.Errors[0].Exception.Message | Should -BeLike "Cannot find artifact 'fruad'*Did you mean 'fraud'?*Add -New to create it*"
        Get-TagNames $script:r | Should -Be $before
    }

    It 'is non-terminating: the command and the script go on' {
        $run = Invoke-Captured { Register-GtoVersion fruad -Repository $script:r; 'after' }
        $run.Errors | Should -HaveCount 1
        $run.Output | Should -Be 'after'
    }

    It 'with -ErrorAction Stop it is thrown with its id' {
        $before = Get-TagNames $script:r
        { Register-GtoVersion fruad -Repository $script:r -ErrorAction Stop } | Should -Throw -ErrorId 'ArtifactNotFound*'
        Get-TagNames $script:r | Should -Be $before
    }

    It '-WhatIf runs the same check: the error, and nothing written' {
        $before = Get-TagNames $script:r
        $run = Invoke-Captured { Register-GtoVersion fruad -Repository $script:r -WhatIf }
        $run.Errors | Should -HaveCount 1
        Get-ErrorId $run.Errors[0] | Should -Be 'ArtifactNotFound'
        Get-TagNames $script:r | Should -Be $before
    }

    It 'with -Ref, the message says the annotations at that commit were looked at too' {
        $first = Invoke-TestGit $script:r @('rev-parse', 'HEAD~1') | Select-Object -First 1
        $run = Invoke-Captured { Register-GtoVersion fruad -Ref HEAD~1 -Repository $script:r }
        $run.Errors[0].Exception.Message | Should -BeLike "*no annotation at HEAD or at commit '$first'*"
    }

    It 'a piped list of names registers the known ones and is one error for the unknown one' {
        $r = New-FraudRegistry
        $null = Register-GtoVersion churn -New -Ref HEAD~1 -Repository $r
        $before = @(Get-TagNames $r)
        $names = [pscustomobject]@{ Name = 'fraud' }, [pscustomobject]@{ Name = 'fruad' }, [pscustomobject]@{ Name = 'churn' }
        $run = Invoke-Captured { $names | Register-GtoVersion -Repository $r }
        $run.Errors | Should -HaveCount 1
        $run.Errors[0].TargetObject | Should -Be 'fruad'
        @($run.Output | ForEach-Object { "$($_.Artifact)@$($_.Version)" }) | Should -Be @('fraud@v1.0.1', 'churn@v0.0.2')
        @(Get-TagNames $r | Where-Object { $_ -notin $before } | Sort-Object) | Should -Be @('churn@v0.0.2', 'fraud@v1.0.1')
    }
}

Describe 'Register-GtoVersion -New' {
    It 'creates a brand-new artifact with its first version, v0.0.1 on HEAD' {
        $r = New-FraudRegistry
        $head = Invoke-TestGit $r @('rev-parse', 'HEAD') | Select-Object -First 1
        $run = Invoke-Captured { Register-GtoVersion forecast -New -Repository $r }
        $run.Errors | Should -BeNullOrEmpty
        $run.Output.Artifact | Should -Be 'forecast'
        $run.Output.Version | Should -Be 'v0.0.1'
        $run.Output.Commit | Should -Be $head
        Get-TagNames $r | Should -Contain 'forecast@v0.0.1'
    }

    It 'is harmless on an artifact that exists, as Set-GtoStage -New is: the next version is registered' {
        $r = New-FraudRegistry
        $run = Invoke-Captured {
            Register-GtoVersion fraud -New -Repository $r
            Set-GtoStage fraud prod -Ref HEAD -New -PassThru -Repository $r
        }
        $run.Errors | Should -BeNullOrEmpty
        $run.Output[0].Version | Should -Be 'v1.0.1'
        $run.Output[1].Tag | Should -Be 'fraud#prod#1'
        $run.Output[1].Version | Should -Be 'v1.0.1'
    }

    It '-WhatIf -New writes nothing' {
        $r = New-FraudRegistry
        $before = Get-TagNames $r
        $run = Invoke-Captured { Register-GtoVersion forecast -New -WhatIf -Repository $r }
        $run.Errors | Should -BeNullOrEmpty
        $run.Output | Should -BeNullOrEmpty
        Get-TagNames $r | Should -Be $before
    }
}

Describe 'An annotated artifact is known: its first registration needs no -New' {
    It 'annotated in <File> at HEAD' -ForEach @(
        @{ File = 'artifacts.yaml'; Files = @{ 'artifacts.yaml' = "segment:`n  type: model`n" } }
        @{ File = 'dvc.yaml'; Files = @{ 'dvc.yaml' = "artifacts:`n  segment:`n    path: models/segment.pkl`n    type: model`n" } }
    ) {
        $r = New-TestRepository
        $null = New-TestCommit $r $Files
        $run = Invoke-Captured { Register-GtoVersion segment -Repository $r }
        $run.Errors | Should -BeNullOrEmpty
        $run.Output.Version | Should -Be 'v0.0.1'
        Get-TagNames $r | Should -Be 'segment@v0.0.1'
    }

    It 'annotated only at the commit registered (-Ref), no longer at HEAD' {
        $r = New-TestRepository
        $old = New-TestCommit $r @{ 'artifacts.yaml' = "segment:`n  type: model`n" }
        $null = New-TestCommit $r @{ 'artifacts.yaml' = "other:`n  type: model`n" }
        $before = Get-TagNames $r
        $atHead = Invoke-Captured { Register-GtoVersion segment -Repository $r }
        Get-ErrorId $atHead.Errors[0] | Should -Be 'ArtifactNotFound' -Because 'neither HEAD nor the commit registered (HEAD) annotates it'
        Get-TagNames $r | Should -Be $before
        $atOld = Invoke-Captured { Register-GtoVersion segment -Ref $old -Repository $r }
        $atOld.Errors | Should -BeNullOrEmpty
        Invoke-TestGit $r @('rev-parse', 'refs/tags/segment@v0.0.1^{commit}') | Should -Be $old
    }

    It 'Set-GtoStage -Ref of an artifact annotated only in dvc.yaml needs no -New either' {
        $r = New-TestRepository
        $null = New-TestCommit $r @{ 'dvc.yaml' = "artifacts:`n  segment:`n    path: models/segment.pkl`n" }
        $run = Invoke-Captured { Set-GtoStage segment dev -Ref HEAD -PassThru -Repository $r }
        $run.Errors | Should -BeNullOrEmpty
        @($run.Output.Tag) | Should -Be @('segment@v0.0.1', 'segment#dev#1')
    }
}

Describe 'The golden replay keeps GTO''s behaviour reachable' {
    BeforeAll { Import-Module (Join-Path $PSScriptRoot 'GtoCommandLine.psm1') -Force }

    It 'translates gto register NAME to Register-GtoVersion -New' {
        $call = ConvertTo-GtoCall -ArgumentList 'register', 'fruad', 'HEAD~1', '--bump-minor'
        $call.Command | Should -Be 'Register-GtoVersion'
        $call.Parameters.New | Should -BeTrue
        $call.Parameters.Name | Should -Be 'fruad'
        $call.Parameters.Ref | Should -Be 'HEAD~1'
    }
}
