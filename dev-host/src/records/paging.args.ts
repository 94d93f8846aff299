import { ArgsType, Field, Int } from '@nestjs/graphql';

export const MAX_PAGE_SIZE = 200;

@ArgsType()
export class PagingArgs {
  @Field(() => Int, { defaultValue: 1 })
  page!: number;

  @Field(() => Int, { defaultValue: 20 })
  pageSize!: number;
}

@ArgsType()
export class SearchPagingArgs extends PagingArgs {
  @Field(() => String, { nullable: true })
  search?: string | null;
}

/** 1-based page and a page size clamped to 1…MAX_PAGE_SIZE, as LIMIT/OFFSET. */
export function toLimitOffset({ page, pageSize }: PagingArgs): { limit: number; offset: number } {
  const limit = Math.min(Math.max(Math.trunc(pageSize) || 1, 1), MAX_PAGE_SIZE);
  const offset = (Math.max(Math.trunc(page) || 1, 1) - 1) * limit;
  return { limit, offset };
}

/** Escapes LIKE wildcards so a search term matches literally. */
export function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
