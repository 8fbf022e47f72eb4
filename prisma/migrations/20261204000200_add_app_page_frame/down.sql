-- Rollback of add_app_page_frame. Destroys no data: the previous release reads the page frame with
-- separate statements.
DROP FUNCTION IF EXISTS app_page_frame(uuid);
