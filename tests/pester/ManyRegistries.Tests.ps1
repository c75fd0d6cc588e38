# Many registries at once (about_Gto, PIPELINES; docs/compatibility.md): -Repository takes several paths or URLs,
# read concurrently (-ThrottleLimit), each object naming its registry, and one registry that fails is a
# non-terminating error for that registry only.

BeforeAll {
    $repoRoot = (Resolve-Path "$PSScriptRoot/../..").ProviderPath
    $modulePath = if ($env:GTO_MODULE_PATH) { $env:GTO_MODULE_PATH } else { Join-Path $repoRoot 'out/Gto/Gto.psd1' }
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force
    Import-Module $modulePath -Force

    # A bare registry reachable as file://, holding artifact <name> at v1.0.<n> in prod. -Prepare gets the work
    # repository before it is cloned.
    function New-Remote([string] $Name, [int] $N, [scriptblock] $Prepare = {}) {
        $work = New-TestRepository
        $null = New-TestCommit $work @{ 'a.txt' = $Name }
        $null = Set-GtoStage $Name prod -Ref HEAD -New -Version "v1.0.$N" -Repository $work
        & $Prepare $work
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

Describe 'Test-GtoRegistry with several registries' {
    BeforeAll {
        # delta has a lightweight GTO tag, epsilon a GTO-like tag without the v, zeta nothing wrong.
        $script:checked = @(
            New-Remote delta 4 { param($w) New-TestTag $w 'delta@v9.0.0' -Lightweight | Out-Null }
            New-Remote epsilon 5 { param($w) New-TestTag $w 'epsilon@1.0.0' 'no v' | Out-Null }
            New-Remote zeta 6)
    }

    It 'checks each registry; diagnostics and the error of the failing one come in the order given' {
        $all = @(Test-GtoRegistry -Repository $script:checked[0].Url, $script:missing, $script:checked[1].Url, $script:checked[2].Url 2>&1)
        @($all | ForEach-Object {
            if ($_ -is [System.Management.Automation.ErrorRecord]) { ($_.FullyQualifiedErrorId -split ',')[0] }
            else { "$($_.Repository)|$($_.Id)|$($_.Target)" }
        }) | Should -Be @(
            "$($script:checked[0].Url)|LightweightTag|delta@v9.0.0", 'CloneFailed', "$($script:checked[1].Url)|MalformedTag|epsilon@1.0.0")
    }

    It '-Quiet gives one answer per registry that can be read, in the order given, also one at a time' {
        $urls = @($script:checked.Url)
        $r = Invoke-Captured { Test-GtoRegistry -Quiet -Repository ($urls + $script:missing) }
        $r.Output | Should -Be @($false, $false, $true)
        $r.Errors.Count | Should -Be 1
        Test-GtoRegistry -Quiet -Repository $urls -ThrottleLimit 1 | Should -Be @($false, $false, $true)
    }

    It 'has checked every registry before it writes the first answer' {
        # Each remote registry is cloned into the temporary folder for the whole command: when the first answer
        # arrives, all three clones are there only if they were read ahead.
        $temp = New-TestFolder 'gto-tmp-'
        $saved = $env:TMPDIR
        $env:TMPDIR = $temp
        try {
            $seen = @(Test-GtoRegistry -Quiet -Repository $script:checked.Url | ForEach-Object {
                @(Get-ChildItem -LiteralPath $temp -Directory -Filter 'gto-remote-*').Count })
        }
        finally { $env:TMPDIR = $saved }
        $seen | Should -Be @(3, 3, 3)
        @(Get-ChildItem -LiteralPath $temp -Directory -Filter 'gto-remote-*').Count | Should -Be 0
    }

    It 'shows one progress bar with a record for each registry read' {
        $ps = [PowerShell]::Create()
        try {
            $null = $ps.AddCommand('Import-Module').AddArgument($modulePath).AddStatement()
            $null = $ps.AddCommand('Test-GtoRegistry').AddParameter('Repository', @($script:checked.Url) + $script:missing)
            $null = $ps.Invoke()
            $bars = @($ps.Streams.Progress | Where-Object Activity -EQ 'Reading 4 registries')
            @($bars.ActivityId | Sort-Object -Unique).Count | Should -Be 1
            @($bars | Where-Object StatusDescription -Like "Read '*").Count | Should -Be 4
            $bars[-1].RecordType | Should -Be 'Completed'
            @($ps.Streams.Progress | Where-Object Activity -EQ 'Checking the registry') | Should -BeNullOrEmpty
        }
        finally { $ps.Dispose() }
    }
}

Describe '-Trusted with several registries' {
    BeforeAll {
        # Each registry's policy counts prod only after staging: v1.0.<n> went through staging; v2.0.<n> was put in
        # prod by a plain git tag that skipped it, so the plain view shows v2.0.<n> in prod and the trusted view v1.0.<n>.
        function New-GovernedRemote([string] $Name, [int] $N) {
            New-Remote $Name $N {
                param($w)
                $null = New-TestCommit $w @{ '.gto-policy.yaml' = "stages:`n  prod:`n    after: [staging]`n" }
                $null = Set-GtoStage $Name staging -Version "v1.0.$N" -Repository $w
                $null = Set-GtoStage $Name prod -Version "v1.0.$N" -Repository $w -Force
                $null = New-TestCommit $w @{ 'a.txt' = "$Name 2" }
                $null = Register-GtoVersion $Name -Version "v2.0.$N" -Repository $w
                New-TestTag $w "$Name#prod#9" 'plain git, no staging' -Date ([DateTimeOffset]::Now.AddHours(1)) | Out-Null
            }.GetNewClosure()
        }
        $script:governed = @(New-GovernedRemote eta 7; New-GovernedRemote theta 8; New-GovernedRemote iota 9)
    }

    It 'reads the trusted view of each registry, concurrently, with the warnings of each' {
        $urls = @($script:governed.Url)
        @(Get-GtoArtifact -Repository $urls | ForEach-Object { "$($_.Name) $($_.Stages['prod'])" }) |
            Should -Be @('eta v2.0.7', 'theta v2.0.8', 'iota v2.0.9')
        $trusted = @(Get-GtoArtifact -Repository $urls -Trusted -WarningVariable w -WarningAction SilentlyContinue)
        @($trusted | ForEach-Object { "$($_.Repository)|$($_.Name) $($_.Stages['prod'])" }) |
            Should -Be @("$($urls[0])|eta v1.0.7", "$($urls[1])|theta v1.0.8", "$($urls[2])|iota v1.0.9")
        @($w | Where-Object { $_ -like '*#prod#9*' }).Count | Should -Be 3
    }

    It 'reads ahead with -Trusted too: one progress bar for the three' {
        $ps = [PowerShell]::Create()
        try {
            $null = $ps.AddCommand('Import-Module').AddArgument($modulePath).AddStatement()
            $null = $ps.AddCommand('Get-GtoVersion').AddParameter('Name', '*').AddParameter('Repository', @($script:governed.Url)).AddParameter('Trusted').
                AddParameter('WarningAction', 'SilentlyContinue')
            $versions = $ps.Invoke()
            @($versions | Where-Object { $_.Stages -contains 'prod' } | ForEach-Object { "$($_.Artifact) $($_.Version)" }) |
                Should -Be @('eta v1.0.7', 'theta v1.0.8', 'iota v1.0.9')
            @($ps.Streams.Progress | Where-Object { $_.Activity -eq 'Reading 3 registries' -and $_.StatusDescription -like "Read '*" }).Count |
                Should -Be 3
        }
        finally { $ps.Dispose() }
    }
}
