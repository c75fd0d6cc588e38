# Many registries at once (about_Gto, PIPELINES; docs/compatibility.md): -Repository takes several paths or URLs,
# read concurrently (-ThrottleLimit), each object naming its registry, and one registry that fails is a
# non-terminating error for that registry only.

BeforeAll {
    $repoRoot = (Resolve-Path "$PSScriptRoot/../..").ProviderPath
    $modulePath = if ($env:GTO_MODULE_PATH) { $env:GTO_MODULE_PATH } else { Join-Path $repoRoot 'out/Gto/Gto.psd1' }
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force
    Import-Module $modulePath -Force

    # A bare registry reachable as file://, holding artifact <name> at v1.0.<n> in prod.
    function New-Remote([string] $Name, [int] $N) {
        $work = New-TestRepository
        $null = New-TestCommit $work @{ 'a.txt' = $Name }
        $null = Set-GtoStage $Name prod -Ref HEAD -New -Version "v1.0.$N" -Repository $work
        $bare = Join-Path (New-TestFolder) "$Name.git"
        Invoke-TestGit $work @('clone', '-q', '--bare', '--', $work, $bare) | Out-Null
        Remove-TestRepository $work
        [pscustomobject]@{ Name = $Name; Url = 'file://' + ($bare -replace '\\', '/') }
    }

    $script:remotes = @(New-Remote alpha 1; New-Remote beta 2; New-Remote gamma 3)
    $script:urls = @($script:remotes.Url)
    $script:missing = 'file://' + ((Join-Path (New-TestFolder) 'missing.git') -replace '\\', '/')
}

AfterAll { Remove-TestFolders }

Describe '-Repository with several file:// registries' {
    It 'Get-GtoArtifact reads all three; every object names its registry, in the order given' {
        $r = Invoke-Captured { Get-GtoArtifact -Repository $script:urls }
        $r.Errors | Should -BeNullOrEmpty
        @($r.Output | ForEach-Object { "$($_.Repository)|$($_.Name)|$($_.Stages['prod'])" }) | Should -Be @(
            "$($script:urls[0])|alpha|v1.0.1", "$($script:urls[1])|beta|v1.0.2", "$($script:urls[2])|gamma|v1.0.3")
    }

    It 'one registry that cannot be read is an error for it only; the others are read' {
        $r = Invoke-Captured { Get-GtoVersion '*' -Repository $script:urls[0], $script:missing, $script:urls[2] }
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'CloneFailed,*'
        $r.Errors[0].Exception.Message | Should -BeLike '*missing.git*'
        @($r.Output | ForEach-Object { "$($_.Artifact) $($_.Version)" }) | Should -Be @('alpha v1.0.1', 'gamma v1.0.3')
    }

    It 'the same holds one registry at a time (-ThrottleLimit 1) and for every read cmdlet' {
        $all = $script:urls + $script:missing
        $r = Invoke-Captured {
            Get-GtoStage -Repository $all -ThrottleLimit 1
            Get-GtoHistory -Repository $all
            Resolve-GtoRef 'beta#prod#1' -Repository $all
        }
        @($r.Errors | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] }) | Should -Be @('CloneFailed', 'CloneFailed', 'CloneFailed')
        @($r.Output | Where-Object { $_ -is [Gto.Stage] }).Repository | Should -Be $script:urls
        @($r.Output | Where-Object { $_ -is [Gto.AssignmentEvent] -and $_.Tag -like '*#prod#1' }).Count | Should -Be 4
    }

    It 'Test-GtoRegistry -Quiet answers for each registry that can be read' {
        $r = Invoke-Captured { Test-GtoRegistry -Quiet -Repository $script:urls[0], $script:missing, $script:urls[1] }
        $r.Output | Should -Be @($true, $true)
        $r.Errors.Count | Should -Be 1
    }

    It 'a single registry that cannot be read still ends the command' {
        { Get-GtoArtifact -Repository $script:missing } | Should -Throw -ErrorId 'CloneFailed,*'
    }

    It 'removes every temporary clone when the command ends' {
        $before = @(Get-ChildItem ([IO.Path]::GetTempPath()) -Directory -Filter 'gto-remote-*').Count
        $null = Get-GtoArtifact -Repository $script:urls
        @(Get-ChildItem ([IO.Path]::GetTempPath()) -Directory -Filter 'gto-remote-*').Count | Should -Be $before
    }

    It 'shows one progress bar for the reads' {
        $ps = [PowerShell]::Create()
        try {
            $null = $ps.AddCommand('Import-Module').AddArgument($modulePath).AddStatement()
            $null = $ps.AddCommand('Get-GtoArtifact').AddParameter('Repository', $script:urls)
            $null = $ps.Invoke()
            $bars = @($ps.Streams.Progress | Where-Object Activity -Like 'Reading * registries')
            $bars.Count | Should -BeGreaterThan 1
            @($bars.ActivityId | Sort-Object -Unique).Count | Should -Be 1
            $bars[-1].RecordType | Should -Be 'Completed'
        }
        finally { $ps.Dispose() }
    }
}
