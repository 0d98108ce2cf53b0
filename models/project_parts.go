package models

import (
	"context"

	"gorm.io/gorm"
)

// The partners, targets and leads of a project are reached through the project, so every query here joins
// the project and names its tenant.

// ProjectPartners lists a project's partner organisations, by name.
func (s *Store) ProjectPartners(ctx context.Context, tenantID, projectID int64) ([]Organisation, error) {
	if err := requireTenant(tenantID); err != nil {
		return nil, err
	}
	var os []Organisation
	err := s.db.WithContext(ctx).Table("organisations").Select("organisations.*").
		Joins("JOIN project_partners pp ON pp.organisation_id = organisations.id").
		Joins("JOIN projects p ON p.id = pp.project_id").
		Where("p.tenant_id = ? AND p.id = ?", tenantID, projectID).
		Order("organisations.name").Find(&os).Error
	return os, translate(err)
}

// ProjectTargets lists a project's targets.
func (s *Store) ProjectTargets(ctx context.Context, tenantID, projectID int64) ([]ProjectTarget, error) {
	if err := requireTenant(tenantID); err != nil {
		return nil, err
	}
	var ts []ProjectTarget
	err := s.db.WithContext(ctx).Table("project_targets").Select("project_targets.*").
		Joins("JOIN projects p ON p.id = project_targets.project_id").
		Where("p.tenant_id = ? AND p.id = ?", tenantID, projectID).
		Order("project_targets.indicator_code").Find(&ts).Error
	return ts, translate(err)
}

// ProjectLeads lists the people leading a project, by name.
func (s *Store) ProjectLeads(ctx context.Context, tenantID, projectID int64) ([]User, error) {
	if err := requireTenant(tenantID); err != nil {
		return nil, err
	}
	var us []User
	err := s.db.WithContext(ctx).Table("users").Select("users.*").
		Joins("JOIN project_leads pl ON pl.user_id = users.id").
		Joins("JOIN projects p ON p.id = pl.project_id").
		Where("p.tenant_id = ? AND p.id = ?", tenantID, projectID).
		Order("users.display_name, users.id").Find(&us).Error
	return us, translate(err)
}

// IsProjectLead reports whether a user leads a project of a tenant.
func (s *Store) IsProjectLead(ctx context.Context, tenantID, projectID, userID int64) (bool, error) {
	if err := requireTenant(tenantID); err != nil {
		return false, err
	}
	var n int64
	err := s.db.WithContext(ctx).Table("project_leads").
		Joins("JOIN projects p ON p.id = project_leads.project_id").
		Where("p.tenant_id = ? AND p.id = ? AND project_leads.user_id = ?", tenantID, projectID, userID).
		Count(&n).Error
	return n > 0, translate(err)
}

// ReplaceProjectParts sets a project's partners, targets and leads to exactly those given. A project outside
// the tenant is ErrNotFound, and nothing is written.
func (s *Store) ReplaceProjectParts(ctx context.Context, tenantID, projectID int64, partners []int64, targets []ProjectTarget, leads []int64) error {
	if err := requireTenant(tenantID); err != nil {
		return err
	}
	return s.Transaction(ctx, func(tx *Store) error {
		var owned int64
		if err := tx.db.Table("projects").Where("tenant_id = ? AND id = ?", tenantID, projectID).Count(&owned).Error; err != nil {
			return translate(err)
		}
		if owned == 0 {
			return ErrNotFound
		}
		for _, table := range []string{"project_partners", "project_targets", "project_leads"} {
			if err := tx.db.Exec("DELETE FROM "+table+" WHERE project_id = ?", projectID).Error; err != nil {
				return translate(err)
			}
		}
		return tx.insertParts(projectID, partners, targets, leads)
	})
}

func (s *Store) insertParts(projectID int64, partners []int64, targets []ProjectTarget, leads []int64) error {
	for _, org := range partners {
		if err := insert(s.db, &ProjectPartner{ProjectID: projectID, OrganisationID: org}); err != nil {
			return err
		}
	}
	for _, t := range targets {
		t.ProjectID = projectID
		if err := insert(s.db, &t); err != nil {
			return err
		}
	}
	for _, user := range leads {
		if err := insert(s.db, &ProjectLead{ProjectID: projectID, UserID: user}); err != nil {
			return err
		}
	}
	return nil
}

func insert(db *gorm.DB, row any) error {
	return translate(db.Create(row).Error)
}
