# Objects that export (issue 9): the annotation fields are properties of artifacts and versions; stages, labels and
# event lists print as names in Format-List, Select-Object and Export-Csv; ConvertTo-Json writes enum names, no
# internal field, and nothing is cut from one object at its default depth (from a stream at -Depth 3); docs/json-shape.md documents every
# property the objects carry, and they carry everything GTO's `show --json` does.

BeforeAll {
    $repoRoot = (Resolve-Path "$PSScriptRoot/../..").ProviderPath
    $modulePath = if ($env:GTO_MODULE_PATH) { $env:GTO_MODULE_PATH } else { Join-Path $repoRoot 'out/Gto/Gto.psd1' }
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force
    Import-Module $modulePath -Force

    $annotation = "churn:`n  type: model`n  path: models/churn.pkl`n  labels: [ml]`n  description: Churn model`n"
    $script:r = New-TestRepository
    $script:c1 = New-TestCommit $r @{ 'artifacts.yaml' = $annotation } -Message 'one'
    Register-GtoVersion churn -Ref $c1 -Version v1.0.0 -Repository $r
    Set-GtoStage churn prod -Version v1.0.0 -Repository $r
    $script:c2 = New-TestCommit $r @{ 'models/churn.pkl' = 'weights 2' } -Message 'two'
    Register-GtoVersion churn -Ref $c2 -Version v1.1.0 -Repository $r
    Set-GtoStage churn staging -Version v1.1.0 -Repository $r
    # A label added after both registrations: only the annotation at HEAD has it.
    New-TestCommit $r @{ 'artifacts.yaml' = $annotation -replace '\[ml\]', '[ml, approved]' } -Message 'approve' | Out-Null
    # An invisible problem for Test-GtoRegistry to report: a lightweight tag.
    Invoke-TestGit $r @('tag', 'churn@v9.9.9', $c1) | Out-Null

    # Every property name of a JSON object (ConvertFrom-Json gives PSCustomObjects).
    function Get-JsonKeys($Object) { @($Object.PSObject.Properties.Name) }
}

AfterAll {
    Remove-TestRepository $script:r
    Remove-TestFolders
}

Describe 'Artifacts and versions carry the annotation fields as properties' {
    It 'Get-GtoArtifact has Type, Path, Description and Labels from the annotation at HEAD' {
        $a = Get-GtoArtifact -Repository $r
        $a.Type | Should -Be 'model'
        $a.Path | Should -Be 'models/churn.pkl'
        $a.Description | Should -Be 'Churn model'
        @($a.Labels) | Should -Be @('ml', 'approved')
    }

    It 'Get-GtoVersion has the fields of the annotation at its own commit' {
        $v = Get-GtoVersion 'churn@v1.0.0' -Repository $r
        $v.Type | Should -Be 'model'
        $v.Path | Should -Be 'models/churn.pkl'
        @($v.Labels) | Should -Be @('ml')
    }
}

Describe 'Stages, labels and event lists print as names' {
    It 'indexing Stages by stage name gives its versions, and nothing for a stage no version holds' {
        $a = Get-GtoArtifact -Repository $r
        @($a.Stages['prod']) | Should -Be @('v1.0.0')
        @($a.Stages['staging']) | Should -Be @('v1.1.0')
        @($a.Stages['qa']) | Should -HaveCount 0
        @($a.Stages.Keys) | Should -Be @('prod', 'staging')
    }

    It 'Format-List and Select-Object show stage=version, not type names' {
        $a = Get-GtoArtifact -Repository $r
        $list = $a | Format-List | Out-String
        $list | Should -Match 'Stages\s+: prod=v1\.0\.0, staging=v1\.1\.0'
        $selected = $a | Select-Object Name, Stages, Labels | Format-List | Out-String
        $selected | Should -Match 'Stages : \{prod=v1\.0\.0, staging=v1\.1\.0\}'
        $selected | Should -Not -Match 'System\.'
    }

    It 'Export-Csv of <What> writes values, never a type name' -ForEach @(
        @{ What = 'artifacts'; Get = { Get-GtoArtifact -Repository $r } }
        @{ What = 'versions'; Get = { Get-GtoVersion churn -Repository $r } }
        @{ What = 'history'; Get = { Get-GtoHistory -Repository $r } }
    ) {
        $csv = (& $Get | ConvertTo-Csv) -join "`n"
        $csv | Should -Not -Match 'System\.|Gto\.'
    }

    It 'Export-Csv of an artifact has its stages and labels as text' {
        $row = Get-GtoArtifact -Repository $r | ConvertTo-Csv | ConvertFrom-Csv
        $row.Stages | Should -Be 'prod=v1.0.0, staging=v1.1.0'
        $row.Labels | Should -Be 'ml, approved'
        $row.Path | Should -Be 'models/churn.pkl'
    }

    It 'Export-Csv of a version has its stages, events and annotations as text' {
        $row = Get-GtoVersion 'churn@v1.0.0' -Repository $r | ConvertTo-Csv | ConvertFrom-Csv
        $row.Stages | Should -Be 'prod'
        $row.StageDetails | Should -Be 'prod (active, churn#prod#1)'
        $row.Registrations | Should -Be 'churn@v1.0.0'
        $row.CurrentAnnotation | Should -Match 'labels=ml\|approved'
    }
}

Describe 'ConvertTo-Json' {
    BeforeAll {
        # One object of every type the cmdlets emit (Save-GtoArtifact writes into a folder of its own).
        $script:outputs = [ordered]@{
            artifacts   = { Get-GtoArtifact -Repository $r }
            versions    = { Get-GtoVersion churn -Repository $r }
            history     = { Get-GtoHistory -Repository $r }
            'resolved tags' = { Resolve-GtoRef 'churn#prod#1' -Repository $r }
            stages      = { Get-GtoStage -Repository $r }
            annotations = { Get-GtoAnnotation churn -Repository $r }
            diagnostics = { Test-GtoRegistry -Repository $r }
            settings    = { Get-GtoConfig -Repository $r }
            'parsed tags' = { ConvertFrom-GtoTag 'churn#prod#3' }
            'saved files' = { Save-GtoArtifact churn -Version v1.1.0 -Destination (Join-Path (New-TestFolder) 'out') -Repository $r }
            signatures  = { [Gto.TagSignature]::new('churn@v1.0.0', 'Valid', 'ssh', 'alice@example.com', 'SHA256:x', 'Good signature') }
        }
    }

    It 'converts one of the <_> whole at the default depth: no warning, nothing more at any depth' -ForEach @(
        'artifacts', 'versions', 'history', 'resolved tags', 'stages', 'annotations', 'diagnostics', 'settings', 'parsed tags',
        'saved files', 'signatures'
    ) {
        $one = @(& $outputs[$_])[0]
        $one | Should -Not -BeNullOrEmpty
        $json = ConvertTo-Json -InputObject $one -WarningVariable cut 3>$null
        $cut | Should -BeNullOrEmpty
        $json | Should -BeExactly (ConvertTo-Json -InputObject $one -Depth 100)
    }

    It 'converts a stream of <_> whole at -Depth 3 (ConvertTo-Json counts the array it makes as a level)' -ForEach @(
        'artifacts', 'versions', 'history', 'resolved tags', 'stages', 'annotations', 'diagnostics', 'settings', 'parsed tags',
        'saved files', 'signatures'
    ) {
        # Twice over, so that every type makes a stream of several objects.
        $all = @(& $outputs[$_]) * 2
        ($all | ConvertTo-Json -Depth 3) | Should -BeExactly ($all | ConvertTo-Json -Depth 100)
    }

    It 'writes a version''s stage events with their stage, and its annotation once' {
        $o = Get-GtoVersion 'churn@v1.0.0' -Repository $r | ConvertTo-Json | ConvertFrom-Json
        $o.Assignments[0].Tag | Should -Be 'churn#prod#1'
        $o.Assignments[0].Stage | Should -Be 'prod'
        $o.StageDetails[0].Ref | Should -Be 'churn#prod#1'
        $o.Annotation.Path | Should -Be 'models/churn.pkl'
        $o.Registrations[0].Annotation | Should -BeNullOrEmpty
    }

    It 'writes enum names, not numbers, and no internal field' {
        $history = Get-GtoHistory -Repository $r | ConvertTo-Json -Depth 3 | ConvertFrom-Json
        @($history.Kind | Sort-Object -Unique) | Should -Be @('Assignment', 'Registration')
        $history | ForEach-Object { Get-JsonKeys $_ } | Should -Not -Contain 'Priority'
        $tag = ConvertFrom-GtoTag 'churn#prod#3' | ConvertTo-Json | ConvertFrom-Json
        $tag.Action | Should -Be 'Assign'
        $problems = Test-GtoRegistry -Repository $r | ConvertTo-Json | ConvertFrom-Json
        @($problems.Severity) | Should -Contain 'Warning'
        $problems | ForEach-Object { $_.Severity } | Should -Not -Match '^\d+$'
    }

    It 'says which assignment is the current one for its stage' {
        # An hour ahead, so that the new assignment is the newest even within the second the registry was made in.
        $env:GIT_COMMITTER_DATE = "@$([DateTimeOffset]::UtcNow.AddHours(1).ToUnixTimeSeconds()) +0000"
        try { Set-GtoStage churn prod -Version v1.1.0 -Repository $r }
        finally { Remove-Item Env:GIT_COMMITTER_DATE -ErrorAction SilentlyContinue }
        try {
            $assignments = Get-GtoHistory churn -Stage prod -Repository $r | Where-Object Kind -EQ 'Assignment'
            ($assignments | Where-Object Version -EQ 'v1.1.0').IsCurrent | Should -BeTrue
            ($assignments | Where-Object Version -EQ 'v1.0.0').IsCurrent | Should -BeFalse -Because 'v1.1.0 took the stage'
            $json = Get-GtoHistory churn -Stage prod -Repository $r | ConvertTo-Json -Depth 3 | ConvertFrom-Json
            @($json.IsCurrent) | Should -Be @($true, $false)
        }
        finally {
            Invoke-TestGit $r @('tag', '-d', 'churn#prod#3') | Out-Null
        }
    }
}

Describe 'docs/json-shape.md' {
    BeforeAll {
        # The documented properties of each type: the first-column names of the table under '### Gto.<Type>'.
        $script:documented = @{}
        $type = $null
        foreach ($line in Get-Content (Join-Path $repoRoot 'docs/json-shape.md')) {
            if ($line -match '^### `(Gto\.\w+)`') { $type = $Matches[1]; $documented[$type] = [Collections.Generic.List[string]]::new(); continue }
            if ($line -match '^## ') { $type = $null; continue }
            if ($type -and $line -match '^\| `(\w+)` \|') { $documented[$type].Add($Matches[1]) }
        }
        $v = Get-GtoVersion 'churn@v1.0.0' -Repository $r
        $script:samples = @{
            'Gto.Artifact'          = Get-GtoArtifact -Repository $r
            'Gto.StageVersions'     = (Get-GtoArtifact -Repository $r).Stages[0]
            'Gto.ArtifactVersion'   = $v
            'Gto.VersionStage'      = $v.StageDetails[0]
            'Gto.Annotation'        = $v.Annotation
            'Gto.RegistrationEvent' = $v.Registrations[0]
            'Gto.AssignmentEvent'   = $v.Assignments[0]
            'Gto.CommitEvent'       = $v.Enrichments[0]
            'Gto.ParsedTag'         = ConvertFrom-GtoTag 'churn#prod#3'
            'Gto.Diagnostic'        = @(Test-GtoRegistry -Repository $r)[0]
            'Gto.Stage'             = @(Get-GtoStage -Repository $r)[0]
            'Gto.ConfigSetting'     = @(Get-GtoConfig -Repository $r)[0]
            'Gto.TagSignature'      = [Gto.TagSignature]::new('churn@v1.0.0', 'Valid', 'ssh', 'alice@example.com', 'SHA256:x', 'Good signature')
            'Gto.SavedArtifactFile' = Save-GtoArtifact churn -Version v1.1.0 -Destination (Join-Path (New-TestFolder) 'out') -Repository $r
        }
    }

    It 'documents exactly the JSON properties of <_>' -ForEach @(
        'Gto.Artifact', 'Gto.StageVersions', 'Gto.ArtifactVersion', 'Gto.VersionStage', 'Gto.Annotation',
        'Gto.RegistrationEvent', 'Gto.AssignmentEvent', 'Gto.CommitEvent', 'Gto.ParsedTag', 'Gto.Diagnostic', 'Gto.Stage',
        'Gto.ConfigSetting', 'Gto.TagSignature', 'Gto.SavedArtifactFile'
    ) {
        $documented.ContainsKey($_) | Should -BeTrue -Because "docs/json-shape.md needs a section '### ``$_``'"
        $actual = Get-JsonKeys ($samples[$_] | ConvertTo-Json -Depth 1 -WarningAction SilentlyContinue | ConvertFrom-Json)
        @($actual | Sort-Object) | Should -Be @($documented[$_] | Sort-Object)
    }

    It 'a version carries every field of GTO show NAME --json' {
        $o = Get-GtoVersion 'churn@v1.0.0' -Repository $r | ConvertTo-Json | ConvertFrom-Json
        # GTO's key -> ours (docs/json-shape.md, "GTO's show --json").
        $o.Artifact | Should -Be 'churn'
        $o.Commit | Should -Be $c1
        $o.Version | Should -Be 'v1.0.0'
        $o.Annotation.Path | Should -Be 'models/churn.pkl'
        $o.Enrichments[0].Committer | Should -Not -BeNullOrEmpty
        $o.Registrations[0].Tag | Should -Be 'churn@v1.0.0'
        @($o.Deregistrations) | Should -HaveCount 0
        $o.StageDetails[0].Stage | Should -Be 'prod'
        $o.Assignments[0].Tag | Should -Be 'churn#prod#1'
        $o.StageDetails[0].IsActive | Should -BeTrue
        foreach ($key in 'IsActive', 'ActivatedAt', 'CreatedAt', 'Author', 'AuthorEmail', 'Message', 'Ref', 'IsDiscovered') {
            $o.PSObject.Properties.Name | Should -Contain $key
        }
    }

    It 'an artifact carries every field of GTO show --json' {
        $o = Get-GtoArtifact -Repository $r | ConvertTo-Json | ConvertFrom-Json
        $o.Latest | Should -Be 'v1.1.0'
        ($o.Stages | Where-Object Stage -EQ 'prod').Versions | Should -Be 'v1.0.0'
        $o.IsRegistered | Should -BeTrue
        $o.IsActive | Should -BeTrue
    }
}
