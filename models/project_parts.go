package models

import (
	"context"

	"gorm.io/gorm"
)

// A project's partners, targets and leads carry the project's tenant (kept equal to it by composite foreign
// keys), so every query here names that tenant directly.

// ProjectPartners lists a project's partner organisations, by name.
func (s *Store) ProjectPartners(ctx context.Context, tenantID, projectID int64) ([]Organisation, error) {
	var os []Organisation
	err := s.inScope(ctx, InTenant(tenantID), func(db *gorm.DB) error {
		return db.Table("organisations").Select("organisations.*").
			Joins("JOIN project_partners pp ON pp.tenant_id = organisations.tenant_id AND pp.organisation_id = organisations.id").
			Where("pp.tenant_id = ? AND pp.project_id = ?", tenantID, projectID).
			Order("organisations.name").Find(&os).Error
	})
	return os, translate(err)
}

// ProjectTargets lists a project's targets.
func (s *Store) ProjectTargets(ctx context.Context, tenantID, projectID int64) ([]ProjectTarget, error) {
	var ts []ProjectTarget
	err := s.inScope(ctx, InTenant(tenantID), func(db *gorm.DB) error {
		return db.Where("tenant_id = ? AND project_id = ?", tenantID, projectID).Order("indicator_code").Find(&ts).Error
	})
	return ts, translate(err)
}

// ProjectLeads lists the people leading a project, by name.
func (s *Store) ProjectLeads(ctx context.Context, tenantID, projectID int64) ([]User, error) {
	var us []User
	err := s.inScope(ctx, InTenant(tenantID), func(db *gorm.DB) error {
		return db.Table("users").Select("users.*").
			Joins("JOIN project_leads pl ON pl.user_id = users.id").
			Where("pl.tenant_id = ? AND pl.project_id = ?", tenantID, projectID).
			Order("users.display_name, users.id").Find(&us).Error
	})
	return us, translate(err)
}

// IsProjectLead reports whether a user leads a project of a tenant.
func (s *Store) IsProjectLead(ctx context.Context, tenantID, projectID, userID int64) (bool, error) {
	var n int64
	err := s.inScope(ctx, InTenant(tenantID), func(db *gorm.DB) error {
		return db.Table("project_leads").Where("tenant_id = ? AND project_id = ? AND user_id = ?", tenantID, projectID, userID).
			Count(&n).Error
	})
	return n > 0, translate(err)
}

// ReplaceProjectParts sets a project's partners, targets and leads to exactly those given. A project outside
// the tenant is ErrNotFound, and nothing is written.
func (s *Store) ReplaceProjectParts(ctx context.Context, tenantID, projectID int64, partners []int64, targets []ProjectTarget, leads []int64) error {
	return s.Transaction(ctx, func(tx *Store) error {
		return translate(tx.inScope(ctx, InTenant(tenantID), func(db *gorm.DB) error {
			var owned int64
			if err := db.Table("projects").Where("tenant_id = ? AND id = ?", tenantID, projectID).Count(&owned).Error; err != nil {
				return err
			}
			if owned == 0 {
				return ErrNotFound
			}
			for _, table := range []string{"project_partners", "project_targets", "project_leads"} {
				if err := db.Exec("DELETE FROM "+table+" WHERE tenant_id = ? AND project_id = ?", tenantID, projectID).Error; err != nil {
					return err
				}
			}
			return insertParts(db, tenantID, projectID, partners, targets, leads)
		}))
	})
}

func insertParts(db *gorm.DB, tenantID, projectID int64, partners []int64, targets []ProjectTarget, leads []int64) error {
	for _, org := range partners {
		if err := db.Create(&ProjectPartner{TenantID: tenantID, ProjectID: projectID, OrganisationID: org}).Error; err != nil {
			return err
		}
	}
	for _, t := range targets {
		t.TenantID, t.ProjectID = tenantID, projectID
		if err := db.Create(&t).Error; err != nil {
			return err
		}
	}
	for _, user := range leads {
		if err := db.Create(&ProjectLead{TenantID: tenantID, ProjectID: projectID, UserID: user}).Error; err != nil {
			return err
		}
	}
	return nil
}
