# -Name takes several artifacts on the write cmdlets too (issue 9 point 1): each artifact is its own write, so one
# that fails is a non-terminating error for that artifact and the others are still written. A piped string is a name
# for them as for the read cmdlets; any other object binds by its properties.

BeforeAll {
    $repoRoot = (Resolve-Path "$PSScriptRoot/../..").ProviderPath
    $modulePath = if ($env:GTO_MODULE_PATH) { $env:GTO_MODULE_PATH } else { Join-Path $repoRoot 'out/Gto/Gto.psd1' }
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force
    Import-Module $modulePath -Force

    # churn and fraud, both annotated and registered at v1.0.0 (an annotated artifact needs no -New).
    function New-TwoArtifacts {
        $r = New-TestRepository
        $null = New-TestCommit $r @{ 'artifacts.yaml' = "churn:`n  type: model`nfraud:`n  type: model`n" }
        foreach ($name in 'churn', 'fraud') { $null = Register-GtoVersion $name -Version v1.0.0 -Repository $r }
        $r
    }

    function Invoke-InRepo([string] $Repo, [scriptblock] $Action) {
        Push-Location $Repo
        try { Invoke-Captured $Action } finally { Pop-Location }
    }
}

AfterAll { Remove-TestFolders }

Describe 'Write cmdlets take several names' {
    It 'Register-GtoVersion churn, fraud registers each; an unknown name among them is an error for it alone' {
        $r = New-TwoArtifacts
        $null = New-TestCommit $r @{ 'model.bin' = 'retrained' }
        $run = Invoke-InRepo $r { Register-GtoVersion churn, fruad, fraud -Version v2.0.0 }
        @($run.Output.Artifact) | Should -Be @('churn', 'fraud')
        @($run.Errors) | Should -HaveCount 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ArtifactNotFound,*'
        $tags = @(Get-TagNames $r)
        $tags | Should -Contain 'churn@v2.0.0'
        $tags | Should -Contain 'fraud@v2.0.0'
        $tags | Should -Not -Contain 'fruad@v2.0.0'
    }

    It 'Set-GtoStage churn, fraud prod -Version v1.0.0 puts both in prod' {
        $r = New-TwoArtifacts
        $events = @(Set-GtoStage churn, fraud prod -Version v1.0.0 -PassThru -Repository $r)
        @($events.Artifact) | Should -Be @('churn', 'fraud')
        @(Get-TagNames $r) | Should -Contain 'churn#prod#1'
        @(Get-TagNames $r) | Should -Contain 'fraud#prod#1'
    }

    It 'Remove-GtoStage, Unregister-GtoVersion and Disable-GtoArtifact act on each name' {
        $r = New-TwoArtifacts
        Set-GtoStage churn, fraud prod -Version v1.0.0 -Repository $r
        Remove-GtoStage churn, fraud v1.0.0 prod -Repository $r
        Unregister-GtoVersion churn, fraud v1.0.0 -Repository $r
        Disable-GtoArtifact churn, fraud -Repository $r
        $tags = @(Get-TagNames $r)
        foreach ($name in 'churn', 'fraud') {
            $tags | Should -Contain "$name#prod!#2"
            $tags | Should -Contain "$name@v1.0.0!"
            $tags | Should -Contain "$name@deprecated"
        }
    }

    It 'an unknown name among them is an error for that name only; the others are written' {
        $r = New-TwoArtifacts
        $run = Invoke-InRepo $r { Disable-GtoArtifact churn, fruad, fraud }
        @($run.Errors) | Should -HaveCount 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ArtifactNotFound,*'
        $run.Errors[0].Exception.Message | Should -BeLike "*'fruad'*"
        $tags = @(Get-TagNames $r)
        $tags | Should -Contain 'churn@deprecated'
        $tags | Should -Contain 'fraud@deprecated'
        $tags | Should -Not -Contain 'fruad@deprecated'
    }

    It '-WhatIf with several names writes nothing' {
        $r = New-TwoArtifacts
        $before = @(Get-TagNames $r)
        Set-GtoStage churn, fraud prod -Version v1.0.0 -WhatIf -Repository $r
        @(Get-TagNames $r) | Should -Be $before
    }

    It 'several piped versions bind their own name and version' {
        $r = New-TwoArtifacts
        Get-GtoVersion churn, fraud -Repository $r | Set-GtoStage -Stage qa
        @(Get-TagNames $r) | Should -Contain 'churn#qa#1'
        @(Get-TagNames $r) | Should -Contain 'fraud#qa#1'
    }
}

Describe 'Write cmdlets take names from piped strings' {
    It 'piped strings name the artifacts: churn and fraud piped into Disable-GtoArtifact deprecates both' {
        $r = New-TwoArtifacts
        'churn', 'fraud' | Disable-GtoArtifact -Repository $r
        $tags = @(Get-TagNames $r)
        $tags | Should -Contain 'churn@deprecated'
        $tags | Should -Contain 'fraud@deprecated'
    }

    It 'a piped string is the artifact of Set-GtoStage, Remove-GtoStage, Unregister-GtoVersion and Register-GtoVersion' {
        $r = New-TwoArtifacts
        'churn' | Set-GtoStage -Stage prod -Version v1.0.0 -Repository $r
        'churn' | Remove-GtoStage -Version v1.0.0 -Stage prod -Repository $r
        'fraud' | Unregister-GtoVersion -Version v1.0.0 -Repository $r
        $null = New-TestCommit $r @{ 'model.bin' = 'retrained' }
        'churn' | Register-GtoVersion -Version v1.1.0 -Repository $r
        $tags = @(Get-TagNames $r)
        foreach ($t in 'churn#prod#1', 'churn#prod!#2', 'fraud@v1.0.0!', 'churn@v1.1.0') { $tags | Should -Contain $t }
    }

    It 'an object with no Name or Artifact is not taken as a name by its text: NameRequired, nothing written' {
        $r = New-TwoArtifacts
        $before = @(Get-TagNames $r)
        $run = Invoke-InRepo $r { [pscustomobject]@{ Id = 'churn' } | Disable-GtoArtifact }
        @($run.Errors) | Should -HaveCount 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'NameRequired,*'
        @(Get-TagNames $r) | Should -Be $before
    }
}
