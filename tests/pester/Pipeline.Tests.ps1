# Pipelines (about_Gto, PIPELINES): every piped object is processed against its own repository, names bind
# from strings and from Name/Artifact properties, and Version, Stage and Ref bind from the module's own objects,
# so each cmdlet's output pipes into the next. One It per row of the table in about_Gto.

BeforeAll {
    $repoRoot = (Resolve-Path "$PSScriptRoot/../..").ProviderPath
    $modulePath = if ($env:GTO_MODULE_PATH) { $env:GTO_MODULE_PATH } else { Join-Path $repoRoot 'out/Gto/Gto.psd1' }
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force
    Import-Module $modulePath -Force

    # churn: v1.0.0 then v1.1.0, both assigned prod in turn (v1.1.0 holds it now); fraud: v1.0.0 .. v2.0.0,
    # v1.2.0 in staging; .gto allows dev, staging, prod and qa (qa held by nobody).
    function New-Registry {
        $r = New-TestRepository
        $null = New-TestCommit $r @{ '.gto' = "stages: [dev, staging, prod, qa]`n"; 'a.txt' = '1' }
        $null = Register-GtoVersion churn -New -Version v1.0.0 -Repository $r
        $null = Register-GtoVersion fraud -New -Version v1.0.0 -Repository $r
        $null = New-TestCommit $r @{ 'a.txt' = '2' }
        $null = Register-GtoVersion churn -Version v1.1.0 -Repository $r
        $null = Register-GtoVersion fraud -Version v1.1.0 -Repository $r
        $null = New-TestCommit $r @{ 'a.txt' = '3' }
        $null = Register-GtoVersion fraud -Version v1.2.0 -Repository $r
        $null = New-TestCommit $r @{ 'a.txt' = '4' }
        $null = Register-GtoVersion fraud -Version v2.0.0 -Repository $r
        $null = Set-GtoStage churn prod -Version v1.0.0 -Repository $r
        $null = Set-GtoStage churn prod -Version v1.1.0 -Repository $r
        $null = Set-GtoStage fraud staging -Version v1.2.0 -Repository $r
        $r
    }

    $script:a = New-Registry
    $script:b = New-Registry
    $null = Register-GtoVersion only-in-b -New -Version v0.1.0 -Repository $script:b
    $script:repos = @([pscustomobject]@{ Repository = $script:a }, [pscustomobject]@{ Repository = $script:b })
    Push-Location $script:a
}

AfterAll {
    Pop-Location
    Remove-TestRepository $script:a
    Remove-TestRepository $script:b
}

Describe 'Each piped object is read against its own repository' {
    It 'objects with a Repository property | Get-GtoArtifact reads every repository' {
        $r = Invoke-Captured { $script:repos | Get-GtoArtifact }
        $r.Errors | Should -BeNullOrEmpty
        @($r.Output | ForEach-Object { "$($_.Repository)|$($_.Name)" }) | Should -Be @(
            "$script:a|churn", "$script:a|fraud", "$script:b|churn", "$script:b|fraud", "$script:b|only-in-b")
    }

    It 'objects with a Repository property | Get-GtoStage lists the stages of each' {
        $stages = @($script:repos | Get-GtoStage)
        @($stages | Where-Object Repository -EQ $script:a).Name | Should -Be @('dev', 'staging', 'prod', 'qa')
        @($stages | Where-Object Repository -EQ $script:b).Name | Should -Be @('dev', 'staging', 'prod', 'qa')
    }

    It 'objects with a Repository property | Test-GtoRegistry -Quiet answers once per repository' {
        @($script:repos | Test-GtoRegistry -Quiet) | Should -Be @($true, $true)
    }

    It 'objects with a Repository and a Name | Get-GtoVersion reads each name in its repository' {
        $in = @([pscustomobject]@{ Repository = $script:a; Name = 'churn' }, [pscustomobject]@{ Repository = $script:b; Name = 'only-in-b' })
        $v = @($in | Get-GtoVersion)
        @($v | ForEach-Object { "$($_.Repository)|$($_.Artifact)|$($_.Version)" }) |
            Should -Be @("$script:a|churn|v1.1.0", "$script:a|churn|v1.0.0", "$script:b|only-in-b|v0.1.0")
    }

    It 'a repository that cannot be read is an error for its object only; the next one is read' {
        $missing = Join-Path $script:a 'no-such-folder-x'
        $r = Invoke-Captured { @([pscustomobject]@{ Repository = "$missing" }) + $script:repos[1] | Get-GtoArtifact }
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'NotARepository,*'
        @($r.Output.Name) | Should -Be @('churn', 'fraud', 'only-in-b')
    }

    It 'an object with only a Repository property is never read as an artifact name' {
        $r = Invoke-Captured { $script:repos[0] | Get-GtoHistory }
        $r.Errors | Should -BeNullOrEmpty
        @($r.Output).Count | Should -Be 9
    }
}

Describe 'Names from the pipeline' {
    It "strings | Get-GtoVersion: each string is an artifact name" {
        @('churn', 'fraud' | Get-GtoVersion | ForEach-Object { "$($_.Artifact) $($_.Version)" }) |
            Should -Be @('churn v1.1.0', 'churn v1.0.0', 'fraud v2.0.0', 'fraud v1.2.0', 'fraud v1.1.0', 'fraud v1.0.0')
    }

    It 'strings | Get-GtoVersion: a string may be a shortcut' {
        @('churn@latest', 'fraud#staging' | Get-GtoVersion | ForEach-Object { "$($_.Artifact) $($_.Version)" }) |
            Should -Be @('churn v1.1.0', 'fraud v1.2.0')
    }

    It 'Get-GtoVersion -Name takes several names' {
        @(Get-GtoVersion churn, fraud@latest | ForEach-Object { "$($_.Artifact) $($_.Version)" }) |
            Should -Be @('churn v1.1.0', 'churn v1.0.0', 'fraud v2.0.0')
    }

    It 'a string | Get-GtoArtifact, Get-GtoHistory and Get-GtoAnnotation' {
        @('fraud' | Get-GtoArtifact).Name | Should -Be 'fraud'
        @('churn' | Get-GtoHistory).Artifact | Sort-Object -Unique | Should -Be 'churn'
        $r = Invoke-Captured { 'churn' | Get-GtoAnnotation }
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'ArtifactNotFound,*'  # churn has no annotation
    }

    It 'Get-GtoArtifact | Get-GtoVersion: the versions of every artifact' {
        @(Get-GtoArtifact | Get-GtoVersion).Count | Should -Be 6
    }

    It 'Get-GtoArtifact | Get-GtoHistory: the events of the piped artifacts only' {
        @(Get-GtoArtifact churn | Get-GtoHistory).Artifact | Sort-Object -Unique | Should -Be 'churn'
    }
}

Describe 'Version, Stage and Ref from the module''s objects' {
    It 'Get-GtoHistory -Stage prod | Get-GtoVersion: the version of each event, also one no longer in prod' {
        @(Get-GtoHistory churn -Stage prod | Get-GtoVersion | ForEach-Object Version | Sort-Object) |
            Should -Be @('v1.0.0', 'v1.1.0')
    }

    It 'Get-GtoHistory | Resolve-GtoRef: the event of each tag' {
        $events = @(Get-GtoHistory churn)
        @($events | Resolve-GtoRef).Tag | Should -Be $events.Tag
    }

    It 'Get-GtoVersion | Resolve-GtoRef: the registration event of the version' {
        $e = @(Get-GtoVersion churn@latest | Resolve-GtoRef)
        $e.Tag | Should -Be 'churn@v1.1.0'
        $e[0].Annotation | Should -BeNullOrEmpty
    }

    It 'Resolve-GtoRef | Get-GtoVersion: the version a tag is about' {
        @(Resolve-GtoRef 'churn#prod#1' | Get-GtoVersion).Version | Should -Be 'v1.0.0'
    }

    It 'ConvertFrom-GtoTag | Get-GtoVersion: a stage tag selects the version now in that stage' {
        @(ConvertFrom-GtoTag 'fraud#staging#7' | Get-GtoVersion).Version | Should -Be 'v1.2.0'
    }

    It 'Get-GtoVersion | Get-GtoHistory: the events of each piped version' {
        $events = @(Get-GtoVersion churn -Version v1.0.0 | Get-GtoHistory)
        $events.Version | Sort-Object -Unique | Should -Be 'v1.0.0'
        $events.Tag | Sort-Object | Should -Be (@('churn#prod#1', 'churn@v1.0.0') | Sort-Object)
    }
}

Describe 'Get-GtoAnnotation at the commit of a piped object' {
    BeforeAll {
        # churn's path changes with every commit: v1.0.0 and v1.1.0 were registered at churn-1 and churn-2, HEAD is
        # at churn-3; v1.0.0 is in prod.
        $script:n = New-TestRepository
        $yaml = { param($i) @{ 'artifacts.yaml' = "churn:`n  type: model`n  path: churn-$i.pkl`n" } }
        $null = New-TestCommit $script:n (& $yaml 1)
        $null = Register-GtoVersion churn -Version v1.0.0 -Repository $script:n
        $null = New-TestCommit $script:n (& $yaml 2)
        $null = Register-GtoVersion churn -Version v1.1.0 -Repository $script:n
        $null = Set-GtoStage churn prod -Version v1.0.0 -Repository $script:n
        $null = New-TestCommit $script:n (& $yaml 3)
        Push-Location $script:n
    }
    AfterAll {
        Pop-Location
        Remove-TestRepository $script:n
    }

    It 'Get-GtoVersion | Get-GtoAnnotation: the annotation at the version''s commit' {
        $v = Get-GtoVersion churn@v1.0.0
        $a = @($v | Get-GtoAnnotation)
        $a.Path | Should -Be 'churn-1.pkl'
        $a.Commit | Should -Be $v.Commit
        # The third version is the one GTO finds at HEAD, whose annotation is HEAD's.
        @(Get-GtoVersion churn | Get-GtoAnnotation).Path | Should -Be @('churn-2.pkl', 'churn-1.pkl', 'churn-3.pkl')
    }

    It 'Get-GtoHistory | Get-GtoAnnotation: the annotation at each event''s commit' {
        $events = @(Get-GtoHistory churn)
        $annotations = @($events | Get-GtoAnnotation)
        $annotations.Commit | Should -Be $events.Commit
        @($events | ForEach-Object { "$($_.Tag) $(($_ | Get-GtoAnnotation).Path)" } | Sort-Object) |
            Should -Be (@('churn#prod#1 churn-1.pkl', 'churn@v1.0.0 churn-1.pkl', 'churn@v1.1.0 churn-2.pkl') | Sort-Object)
    }

    It 'Resolve-GtoRef | Get-GtoAnnotation: the annotation at the tag''s commit' {
        (Resolve-GtoRef 'churn@v1.1.0' | Get-GtoAnnotation).Path | Should -Be 'churn-2.pkl'
    }

    It 'Get-GtoArtifact | Get-GtoAnnotation, and strings: HEAD (an artifact has no commit)' {
        (Get-GtoArtifact churn | Get-GtoAnnotation).Path | Should -Be 'churn-3.pkl'
        ('churn' | Get-GtoAnnotation).Path | Should -Be 'churn-3.pkl'
    }

    It 'a -Revision on the command line wins over the piped commit; a piped empty Commit means HEAD' {
        (Get-GtoVersion churn@v1.0.0 | Get-GtoAnnotation -Revision HEAD).Path | Should -Be 'churn-3.pkl'
        ([pscustomobject]@{ Name = 'churn'; Commit = '' } | Get-GtoAnnotation).Path | Should -Be 'churn-3.pkl'
        ([pscustomobject]@{ Name = 'churn'; Commit = $null } | Get-GtoAnnotation).Path | Should -Be 'churn-3.pkl'
        # Commit is bound before Ref (a version's Ref is its tag; here it would say HEAD).
        $first = (Get-GtoVersion churn@v1.0.0).Commit
        ([pscustomobject]@{ Name = 'churn'; Ref = 'HEAD'; Commit = $first } | Get-GtoAnnotation).Path | Should -Be 'churn-1.pkl'
    }
}

Describe 'Get-GtoHistory writes each event as it goes' {
    It 'gives the same events in the same order as with -Verify, which checks them all first' {
        foreach ($ascending in $false, $true) {
            $plain = @(Get-GtoHistory -Ascending:$ascending | ForEach-Object Tag)
            $plain.Count | Should -Be 9
            @(Get-GtoHistory -Ascending:$ascending -Verify | ForEach-Object Tag) | Should -Be $plain
            @(Get-GtoHistory fraud -Stage staging -Ascending:$ascending | ForEach-Object Tag) | Should -Be @('fraud#staging#1')
        }
    }
}

Describe 'Reads piped into writes' {
    BeforeEach {
        $script:w = New-Registry
        Push-Location $script:w
    }
    AfterEach {
        Pop-Location
        Remove-TestRepository $script:w
    }

    It 'Get-GtoVersion | Set-GtoStage -Stage dev assigns that version' {
        $e = @(Get-GtoVersion fraud -Version v1.1.0 | Set-GtoStage -Stage dev -PassThru)
        $e.Tag | Should -Be 'fraud#dev#2'
        $e.Version | Should -Be 'v1.1.0'
    }

    It 'Get-GtoHistory (an assignment) | Remove-GtoStage unassigns that stage from that version' {
        $e = @(Get-GtoHistory fraud -Stage staging | Remove-GtoStage -PassThru)
        $e.Tag | Should -Be 'fraud#staging!#2'
        $e.Version | Should -Be 'v1.2.0'
    }

    It 'Get-GtoVersion | Unregister-GtoVersion deregisters each piped version' {
        Get-GtoVersion fraud -Version v1.0.0 | Unregister-GtoVersion
        Get-TagNames $script:w | Should -Contain 'fraud@v1.0.0!'
    }

    It 'Get-GtoArtifact | Disable-GtoArtifact deprecates the piped artifact' {
        Get-GtoArtifact fraud | Disable-GtoArtifact
        Get-TagNames $script:w | Should -Contain 'fraud@deprecated'
    }
}
