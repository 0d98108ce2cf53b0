-- Reference data the project register uses: local authorities with their ITL1 region, and the first
-- version of the indicator catalogue.

-- +goose Up
INSERT INTO local_authorities (code, name, itl1_region) VALUES
    ('E08000001', 'Bolton', 'TLD'),
    ('E08000002', 'Bury', 'TLD'),
    ('E08000003', 'Manchester', 'TLD'),
    ('E08000004', 'Oldham', 'TLD'),
    ('E08000005', 'Rochdale', 'TLD'),
    ('E08000006', 'Salford', 'TLD'),
    ('E08000007', 'Stockport', 'TLD'),
    ('E08000008', 'Tameside', 'TLD'),
    ('E08000009', 'Trafford', 'TLD'),
    ('E08000010', 'Wigan', 'TLD'),
    ('E08000012', 'Liverpool', 'TLD'),
    ('E08000025', 'Birmingham', 'TLG'),
    ('E08000026', 'Coventry', 'TLG'),
    ('E08000027', 'Dudley', 'TLG'),
    ('E08000028', 'Sandwell', 'TLG'),
    ('E08000029', 'Solihull', 'TLG'),
    ('E08000030', 'Walsall', 'TLG'),
    ('E08000031', 'Wolverhampton', 'TLG'),
    ('S12000049', 'Glasgow City', 'TLM'),
    ('S12000045', 'East Dunbartonshire', 'TLM'),
    ('S12000011', 'East Renfrewshire', 'TLM'),
    ('S12000018', 'Inverclyde', 'TLM'),
    ('S12000050', 'North Lanarkshire', 'TLM'),
    ('S12000038', 'Renfrewshire', 'TLM'),
    ('S12000029', 'South Lanarkshire', 'TLM'),
    ('S12000039', 'West Dunbartonshire', 'TLM'),
    ('S12000036', 'City of Edinburgh', 'TLM'),
    ('E08000021', 'Newcastle upon Tyne', 'TLC'),
    ('E08000035', 'Leeds', 'TLE'),
    ('E08000019', 'Sheffield', 'TLE'),
    ('E06000018', 'Nottingham', 'TLF'),
    ('E07000008', 'Cambridge', 'TLH'),
    ('E09000001', 'City of London', 'TLI'),
    ('E07000178', 'Oxford', 'TLJ'),
    ('E06000023', 'Bristol, City of', 'TLK'),
    ('W06000015', 'Cardiff', 'TLL'),
    ('N09000003', 'Belfast', 'TLN');

INSERT INTO indicators (code, version, name, unit, definition, aggregation, position) VALUES
    ('private_investment_leveraged', 1, 'Private investment leveraged', 'money', 'Private-sector money committed to the project''s activities beyond the grant, in pounds.', 'sum', 1),
    ('public_co_investment', 1, 'Public co-investment', 'money', 'Other public money (not this grant) committed to the project''s activities, in pounds.', 'sum', 2),
    ('jobs_created', 1, 'Jobs created', 'fte', 'New posts created because of the project, in full-time equivalents.', 'sum', 3),
    ('jobs_safeguarded', 1, 'Jobs safeguarded', 'fte', 'Existing posts that would have been lost without the project, in full-time equivalents.', 'sum', 4),
    ('businesses_supported', 1, 'Businesses supported', 'count', 'Businesses that received direct, substantive support (at least 12 hours or financial help).', 'sum', 5),
    ('businesses_engaged', 1, 'Businesses engaged', 'count', 'Businesses that took part in the project''s events or networks without substantive support.', 'sum', 6),
    ('new_products_processes', 1, 'New products or processes', 'count', 'Products, processes or services new to the business or the market, brought in because of the project.', 'sum', 7),
    ('patents_filed', 1, 'Patents filed', 'count', 'Patent applications filed as a result of the project.', 'sum', 8),
    ('spin_outs_created', 1, 'Spin-outs created', 'count', 'New companies formed to exploit research from the project.', 'sum', 9),
    ('collaborations_formed', 1, 'Collaborations formed', 'count', 'New formal collaborations between research organisations and businesses.', 'sum', 10),
    ('people_trained', 1, 'People trained', 'count', 'People who completed training or skills provision funded by the project.', 'sum', 11);

-- +goose Down
DELETE FROM indicators;
DELETE FROM local_authorities;
