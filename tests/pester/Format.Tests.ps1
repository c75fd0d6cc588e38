# The format file: every public type has a default table that fits in 120 columns and a list view with everything.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestRepo.psm1') -Force
    $modulePath = Get-GtoModulePath
    Import-Module $modulePath -Force
    $repo = New-TestRepository
    $yaml = "churn-classifier-for-enterprise-customers:`n  type: model`n  path: models/a/very/long/path/to/the/churn/model.pkl`n  labels: [tabular, classification]`n"
    $c = New-TestCommit -Path $repo -Files @{ 'artifacts.yaml' = $yaml } -Message 'one'
    $name = 'churn-classifier-for-enterprise-customers'
    New-TestTag $repo "$name@v10.20.30-rc.1+build.5" 'Registering' -Ref $c | Out-Null
    foreach ($s in 'development', 'staging', 'production', 'canary') { New-TestTag $repo "$name#$s#$([array]::IndexOf(@('development', 'staging', 'production', 'canary'), $s) + 1)" 'Assigning' -Ref $c | Out-Null }
    New-TestTag $repo 'light@v0.0.1' -Lightweight -Ref $c | Out-Null
    $objects = @{
        'Gto.Artifact'       = @(Get-GtoArtifact -Repository $repo)
        'Gto.ArtifactVersion'= @(Get-GtoVersion $name -Repository $repo)
        'Gto.VersionStage'   = @((Get-GtoVersion $name -Repository $repo).StageDetails)
        'Gto.AssignmentEvent'= @(Get-GtoHistory -Repository $repo -Stage canary)
        'Gto.ParsedTag'      = @(ConvertFrom-GtoTag "$name#production#3")
        'Gto.Annotation'     = @(Get-GtoAnnotation -Repository $repo)
        'Gto.Stage'          = @(Get-GtoStage -Repository $repo)
        'Gto.Diagnostic'     = @(Test-GtoRegistry -Repository $repo)
    }
}

AfterAll { Remove-TestRepository -Path $repo }

Describe 'Gto.Format.ps1xml' {
    It '<_> has a table view as its default' -ForEach @('Gto.Artifact', 'Gto.ArtifactVersion', 'Gto.VersionStage', 'Gto.AssignmentEvent', 'Gto.ParsedTag', 'Gto.Annotation', 'Gto.Stage', 'Gto.Diagnostic') {
        $views = Get-FormatData -TypeName $_ -PowerShellVersion $PSVersionTable.PSVersion
        $views | Should -Not -BeNullOrEmpty
        $views.FormatViewDefinition[0].Control | Should -BeOfType ([System.Management.Automation.TableControl])
        $views.FormatViewDefinition.Control | Where-Object { $_ -is [System.Management.Automation.ListControl] } | Should -Not -BeNullOrEmpty
    }

    It '<_> fits its table in 120 columns' -ForEach @('Gto.Artifact', 'Gto.ArtifactVersion', 'Gto.VersionStage', 'Gto.AssignmentEvent', 'Gto.ParsedTag', 'Gto.Annotation', 'Gto.Stage', 'Gto.Diagnostic') {
        $table = (Get-FormatData -TypeName $_ -PowerShellVersion $PSVersionTable.PSVersion).FormatViewDefinition[0].Control
        $fixed = @($table.Headers | ForEach-Object { $_.Width })
        # Fixed widths plus one space between columns; a width of 0 is the one column that takes what is left.
        (($fixed | Measure-Object -Sum).Sum + $fixed.Count - 1) | Should -BeLessOrEqual 120
        @($fixed | Where-Object { $_ -eq 0 }).Count | Should -BeLessOrEqual 1
        $items = $objects[$_]
        $items | Should -Not -BeNullOrEmpty
        $header = (($items | Format-Table | Out-String -Width 120) -split "`r?`n" | Where-Object { $_ })[0]
        foreach ($h in $table.Headers) {
            $label = if ($h.Label) { $h.Label } else { $null }
            if ($label) { $header | Should -Match ([regex]::Escape($label)) -Because 'every column shows at 120 columns' }
        }
    }

    It 'shows each artifact''s stages at a glance in the table' {
        $text = $objects['Gto.Artifact'] | Format-Table | Out-String -Width 120
        $text | Should -Match 'canary=v10\.20\.30'
        $text | Should -Match 'development='
    }

    It 'list views show every property of <_>' -ForEach @('Gto.Artifact', 'Gto.ArtifactVersion', 'Gto.Annotation', 'Gto.Stage', 'Gto.Diagnostic', 'Gto.ParsedTag') {
        $item = $objects[$_][0]
        $text = $item | Format-List | Out-String -Width 200
        foreach ($p in $item.PSObject.Properties) {
            # An annotation is shown as its own fields (Type, Path, Labels, ...) rather than as one object.
            if ($p.Value -is [Gto.Annotation]) { $text | Should -Match '(?m)^(Type|Annotation)\s*:' ; continue }
            $text | Should -Match "(?m)^$($p.Name)\s*:" -Because "the list view of $_ should show $($p.Name)"
        }
    }
}
