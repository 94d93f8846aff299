import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { CompanyEntity } from '../database/entities/company.entity.js';

@ObjectType('Company')
export class CompanyModel {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  domainName!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  static from(entity: CompanyEntity): CompanyModel {
    return { id: entity.id, name: entity.name, domainName: entity.domainName, createdAt: entity.createdAt };
  }
}

@ObjectType('CompanyList')
export class CompanyListModel {
  @Field(() => Number)
  totalCount!: number;

  @Field(() => [CompanyModel])
  companies!: CompanyModel[];
}
