/** TypeORM migrations for the tables the plugin owns; hosts run them together with their own. */
export const pluginMigrations: Function[] = [];
