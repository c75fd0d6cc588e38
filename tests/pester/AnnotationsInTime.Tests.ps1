# Annotations in time (issue 9): a version shows the annotation at its own commit (Annotation, Type, Path, Labels)
# and the one at HEAD (CurrentAnnotation), so a label added after registration is visible from the version; events
# of Get-GtoHistory and Get-GtoVersion carry the annotation at their commit like Resolve-GtoRef's, read only when
# asked for (a plain listing reads no annotation file), and still readable after the command has ended.

BeforeAll {
    $repoRoot = (Resolve-Path "$PSScriptRoot/../..").ProviderPath
    $modulePath = if ($env:GTO_MODULE_PATH) { $env:GTO_MODULE_PATH } else { Join-Path $repoRoot 'out/Gto/Gto.psd1' }
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Hostile.psm1') -Force
    Import-Module $modulePath -Force

    $script:r = New-TestRepository
    $script:c1 = New-TestCommit $r @{ 'artifacts.yaml' = "churn:`n  type: model`n  path: models/v1.pkl`n  labels: [ml]`n" } -Message 'v1'
    Register-GtoVersion churn -Ref $c1 -Version v1.0.0 -Repository $r
    $script:c2 = New-TestCommit $r @{ 'artifacts.yaml' = "churn:`n  type: model`n  path: models/v2.pkl`n  labels: [ml]`n" } -Message 'v2'
    Register-GtoVersion churn -Ref $c2 -Version v2.0.0 -Repository $r
    Set-GtoStage churn staging -Version v2.0.0 -Repository $r
    # Approved after registration: only HEAD's file has the label.
    New-TestCommit $r @{ 'artifacts.yaml' = "churn:`n  type: model`n  path: models/v2.pkl`n  labels: [approved, ml]`n" } -Message 'approve' | Out-Null
}

AfterAll {
    Remove-TestRepository $script:r
}

Describe 'A version reaches the annotation at its commit and at HEAD' {
    It 'Annotation is the file at the version''s commit, CurrentAnnotation the file at HEAD' {
        $v1 = Get-GtoVersion 'churn@v1.0.0' -Repository $r
        $v1.Annotation.Commit | Should -Be $c1
        $v1.Path | Should -Be 'models/v1.pkl'
        @($v1.Labels) | Should -Be @('ml')
        $v1.CurrentAnnotation.Path | Should -Be 'models/v2.pkl'
        @($v1.CurrentAnnotation.Labels) | Should -Be @('approved', 'ml')
    }

    It 'a label added after registration selects the version through CurrentAnnotation' {
        $found = Get-GtoVersion 'churn#staging' -Repository $r | Where-Object { $_.CurrentAnnotation.Labels -contains 'approved' }
        $found.Version | Should -Be 'v2.0.0'
        $found.Labels | Should -Not -Contain 'approved' -Because 'the file at its own commit was written before the approval'
    }
}

Describe 'Events carry the annotation at their commit' {
    It 'Get-GtoHistory events have the annotation Resolve-GtoRef gives for the same tag' {
        foreach ($e in Get-GtoHistory churn -Repository $r) {
            $resolved = Resolve-GtoRef $e.Tag -Repository $r
            $e.Annotation.Path | Should -Be $resolved.Annotation.Path -Because $e.Tag
            $e.Annotation.Commit | Should -Be $e.Commit
        }
        (Get-GtoHistory churn -Version v1.0.0 -Repository $r).Annotation.Path | Should -Be 'models/v1.pkl'
    }

    It 'the events inside a version are at its commit, and the version carries their annotation once' {
        $v2 = Get-GtoVersion 'churn@v2.0.0' -Repository $r
        $v2.Annotation.Path | Should -Be 'models/v2.pkl'
        @($v2.Registrations) + @($v2.Assignments) | ForEach-Object {
            $_.Commit | Should -Be $v2.Commit
            $_.Annotation | Should -BeNullOrEmpty -Because 'the version''s Annotation is theirs; repeating it would nest past ConvertTo-Json''s default depth'
        }
        # The same tags read through the history carry the annotation themselves.
        (Get-GtoHistory churn -Version v2.0.0 -Repository $r | Where-Object Tag -eq $v2.Assignments[0].Tag).Annotation.Path | Should -Be 'models/v2.pkl'
    }

    It 'an event kept after the command ended still reads its annotation' {
        $kept = @(Get-GtoHistory churn -Version v1.0.0 -Repository $r)
        [GC]::Collect()
        $kept[0].Annotation.Path | Should -Be 'models/v1.pkl'
        $kept[0].Annotation.Labels | Should -Be @('ml')
    }

    It 'a plain listing reads no annotation file: a damaged file at an event''s commit is met only when asked for' {
        $d = New-TestRepository
        try {
            $bad = New-TestCommit $d @{ 'artifacts.yaml' = "churn: [unclosed`n" } -Message 'damaged'
            Register-GtoVersion churn -New -Ref $bad -Version v1.0.0 -Repository $d
            New-TestCommit $d @{ 'artifacts.yaml' = "churn:`n  type: model`n" } -Message 'fixed' | Out-Null
            $run = Invoke-GtoChild $d '@(Get-GtoHistory -Repository $Repo) | Out-Null'
            Assert-Survived $run
            @($run.Warnings) | Should -HaveCount 0 -Because 'listing history must not read the file at the registration''s commit'
            $asked = Invoke-GtoChild $d '(Get-GtoHistory -Repository $Repo).Annotation'
            Assert-Survived $asked
            $asked.Output | Should -BeNullOrEmpty -Because 'the damaged file gives no annotation'
        }
        finally {
            Remove-TestRepository $d
        }
    }
}
