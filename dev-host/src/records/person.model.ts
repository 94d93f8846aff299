import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { PersonEntity } from '../database/entities/person.entity.js';
import { FullName } from './full-name.model.js';

@ObjectType('Emails')
export class Emails {
  @Field(() => String, { nullable: true })
  primaryEmail!: string | null;

  @Field(() => [String])
  additionalEmails!: string[];
}

@ObjectType('Phones')
export class Phones {
  @Field(() => String, { nullable: true })
  primaryPhoneNumber!: string | null;

  @Field(() => [String])
  additionalPhones!: string[];
}

@ObjectType('Person')
export class PersonModel {
  @Field(() => ID)
  id!: string;

  @Field(() => FullName)
  name!: FullName;

  @Field(() => Emails)
  emails!: Emails;

  @Field(() => Phones)
  phones!: Phones;

  @Field(() => String, { nullable: true })
  jobTitle!: string | null;

  @Field(() => String, { nullable: true })
  city!: string | null;

  @Field(() => String, { nullable: true })
  avatarUrl!: string | null;

  @Field(() => ID, { nullable: true })
  companyId!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  static from(entity: PersonEntity): PersonModel {
    return {
      id: entity.id,
      name: { firstName: entity.nameFirstName, lastName: entity.nameLastName },
      emails: { primaryEmail: entity.emailsPrimaryEmail, additionalEmails: entity.emailsAdditionalEmails ?? [] },
      phones: { primaryPhoneNumber: entity.phonesPrimaryPhoneNumber ?? null, additionalPhones: (entity.phonesAdditionalPhones ?? []).map((phone) => phone.number) },
      jobTitle: entity.jobTitle,
      city: entity.city,
      avatarUrl: entity.avatarUrl,
      companyId: entity.companyId,
      createdAt: entity.createdAt,
    };
  }
}

@ObjectType('PersonList')
export class PersonListModel {
  @Field(() => Number)
  totalCount!: number;

  @Field(() => [PersonModel])
  people!: PersonModel[];
}
