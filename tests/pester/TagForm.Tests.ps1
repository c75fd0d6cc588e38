# -TagForm (Auto, Simple, Counted) on the write cmdlets, and -Simple as its short form: both name the tag the
# same way, -Simple:$false still means the counter form, and giving both is a parameter error that writes nothing.

BeforeAll {
    $repoRoot = (Resolve-Path "$PSScriptRoot/../..").ProviderPath
    $modulePath = if ($env:GTO_MODULE_PATH) { $env:GTO_MODULE_PATH } else { Join-Path $repoRoot 'out/Gto/Gto.psd1' }
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force
    Import-Module $modulePath -Force
    $script:repos = [System.Collections.Generic.List[string]]::new()

    # The tags a write created: the tag names after it that were not there before.
    function Get-NewTags([string] $Repo, [scriptblock] $Write) {
        $before = @(Get-TagNames $Repo)
        $run = Invoke-Captured $Write
        $run.Errors.Count | Should -Be 0 -Because "$($run.Errors)"
        @(Get-TagNames $Repo | Where-Object { $_ -notin $before } | Sort-Object)
    }
}

AfterAll {
    foreach ($r in $script:repos) { Remove-TestRepository $r }
}

Describe '-TagForm names the tag; -Simple is its short form' {
    BeforeAll {
        $r = New-TestRepository
        $script:repos.Add($r)
        $c1 = New-TestCommit $r -Message 'one'
        $c2 = New-TestCommit $r -Message 'two'
        $c3 = New-TestCommit $r -Message 'three'
    }

    # The steps run in order, each on the state the previous ones left (counters go up across them).
    It '<Step> creates <Tag>' -ForEach @(
        @{ Step = 'register -TagForm Auto (simple)'; Tag = 'm@v0.0.1'; Write = { Register-GtoVersion m -New -Ref $c1 -TagForm Auto -Repository $r } }
        @{ Step = 'assign -TagForm Auto (counter)'; Tag = 'm#dev#1'; Write = { Set-GtoStage m dev -Version v0.0.1 -TagForm Auto -Repository $r } }
        @{ Step = 'assign -TagForm Simple'; Tag = 'm#prod'; Write = { Set-GtoStage m prod -Version v0.0.1 -TagForm Simple -Repository $r } }
        @{ Step = 'assign -Simple (same as Simple)'; Tag = 'm#qa'; Write = { Set-GtoStage m qa -Version v0.0.1 -Simple -Repository $r } }
        @{ Step = 'register -TagForm Counted'; Tag = 'm@v0.0.2#2'; Write = { Register-GtoVersion m -Ref $c2 -TagForm Counted -Repository $r } }
        @{ Step = 'register -Simple:$false (same as Counted)'; Tag = 'm@v0.0.3#3'; Write = { Register-GtoVersion m -Ref $c3 -Simple:$false -Repository $r } }
        @{ Step = 'unassign -TagForm Simple'; Tag = 'm#dev!'; Write = { Remove-GtoStage m v0.0.1 dev -TagForm Simple -Repository $r } }
        @{ Step = 'deregister -TagForm Counted'; Tag = 'm@v0.0.3!#4'; Write = { Unregister-GtoVersion m v0.0.3 -TagForm Counted -Repository $r } }
        @{ Step = 'deprecate -TagForm Counted'; Tag = 'm@deprecated#5'; Write = { Disable-GtoArtifact m -TagForm Counted -Repository $r } }
    ) {
        Get-NewTags $r $Write | Should -Be @($Tag)
    }
}

Describe '-Simple and -TagForm together' {
    BeforeAll {
        $r = New-TestRepository
        $script:repos.Add($r)
        $c1 = New-TestCommit $r -Message 'one'
        Register-GtoVersion m -New -Ref $c1 -Repository $r | Out-Null
    }

    It '<Command> is the error ConflictingTagForm and writes nothing' -ForEach @(
        @{ Command = 'Set-GtoStage -Simple -TagForm Simple'; Write = { Set-GtoStage m prod -Version v0.0.1 -Simple -TagForm Simple -Repository $r } }
        @{ Command = 'Register-GtoVersion -Simple:$false -TagForm Counted'; Write = { Register-GtoVersion m -Simple:$false -TagForm Counted -Repository $r } }
        @{ Command = 'Disable-GtoArtifact -Simple -TagForm Auto'; Write = { Disable-GtoArtifact m -Simple -TagForm Auto -Repository $r } }
    ) {
        $before = @(Get-TagNames $r)
        { & $Write } | Should -Throw -ErrorId 'ConflictingTagForm*'
        try { & $Write } catch { $err = $_ }
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -BeLike '*-Simple and -TagForm*only one*'
        @(Get-TagNames $r) | Should -Be $before
    }

    It 'tab completion offers the three forms' {
        $line = 'Set-GtoStage m prod -TagForm '
        $names = @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText)
        $names | Should -Be @('Auto', 'Counted', 'Simple')
    }
}
