import { Field, InputType, Int } from "type-graphql";
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEmail,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from "class-validator";
import type { GraphqlClass } from "../providers/plugin.js";
import { modulesInSchemaOrder } from "../providers/registry.js";
import type { ReturnProvider } from "../returns/model.js";
import { ReturnProviderEnum } from "./enums.js";

const text = (max: number) => [IsOptional(), IsString(), MaxLength(max)];
const apply = (...decorators: PropertyDecorator[]) => (target: object, key: string | symbol) => decorators.forEach((d) => d(target, key));

@InputType()
export class ReturnPartyInput {
  @Field(() => String, { nullable: true }) @apply(...text(128)) name?: string | null;
  @Field(() => String, { nullable: true }) @apply(...text(128)) company?: string | null;
  @Field(() => String, { nullable: true }) @apply(...text(32)) phone?: string | null;
  @Field(() => String, { nullable: true }) @apply(...text(32)) mobile?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(128) @IsEmail({}, { message: "email is not an email address" }) email?: string | null;
  @Field(() => String, { nullable: true }) @apply(...text(64)) country?: string | null;
  @Field(() => String, { nullable: true }) @apply(...text(64)) province?: string | null;
  @Field(() => String, { nullable: true }) @apply(...text(64)) city?: string | null;
  @Field(() => String, { nullable: true }) @apply(...text(64)) district?: string | null;
  @Field(() => String, { nullable: true }) @apply(...text(256)) address1?: string | null;
  @Field(() => String, { nullable: true }) @apply(...text(256)) address2?: string | null;
  @Field(() => String, { nullable: true }) @apply(...text(32)) houseNo?: string | null;
  @Field(() => String, { nullable: true }) @apply(...text(32)) postcode?: string | null;
}

@InputType()
export class ReturnOrderLineInput {
  @Field(() => String) @IsString() @IsNotEmpty({ message: "sku must not be empty" }) @MaxLength(64) sku!: string;
  @Field(() => Int) @IsInt() @Min(1, { message: "quantity must be at least 1" }) @Max(100_000) quantity!: number;
  @Field(() => String, { nullable: true }) @apply(...text(512)) remark?: string | null;
}

@InputType()
export class ReturnOrderCreateInput {
  @Field(() => ReturnProviderEnum) provider!: ReturnProvider;
  @Field(() => String, { nullable: true, description: "Defaults to the provider's only account." }) @apply(...text(64)) account?: string | null;
  @Field(() => String, { nullable: true }) @apply(...text(64)) referenceNo?: string | null;
  @Field(() => String, { nullable: true }) @apply(...text(64)) outboundOrderNo?: string | null;
  @Field(() => String) @IsString() @IsNotEmpty({ message: "warehouseCode must not be empty" }) @MaxLength(64) warehouseCode!: string;
  @Field(() => String, { nullable: true }) @apply(...text(64)) carrier?: string | null;
  @Field(() => String, { nullable: true }) @apply(...text(64)) trackingNumber?: string | null;
  @Field(() => String, { nullable: true }) @apply(...text(512)) reason?: string | null;
  @Field(() => String, { nullable: true }) @apply(...text(1024)) remark?: string | null;
  @Field(() => ReturnPartyInput, { nullable: true }) @IsOptional() @ValidateNested() sender?: ReturnPartyInput | null;
  @Field(() => [ReturnOrderLineInput])
  @ArrayMinSize(1, { message: "a return needs at least one line" })
  @ArrayMaxSize(200, { message: "a return has at most 200 lines" })
  @ValidateNested({ each: true })
  lines!: ReturnOrderLineInput[];
}

@InputType({
  description: `What may change after creation, where the provider's API can change an order (${modulesInSchemaOrder()
    .filter((m) => m.graphql.updateOptions)
    .map((m) => m.provider)
    .join(", ")}).`,
})
export class ReturnOrderUpdateInput {
  @Field(() => String, { nullable: true }) @apply(...text(64)) referenceNo?: string | null;
  @Field(() => String, { nullable: true }) @apply(...text(64)) outboundOrderNo?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @IsNotEmpty({ message: "warehouseCode must not be empty" }) @MaxLength(64) warehouseCode?: string | null;
  @Field(() => String, { nullable: true }) @apply(...text(64)) trackingNumber?: string | null;
  @Field(() => String, { nullable: true }) @apply(...text(1024)) remark?: string | null;
  @Field(() => ReturnPartyInput, { nullable: true }) @IsOptional() @ValidateNested() sender?: ReturnPartyInput | null;
  @Field(() => [ReturnOrderLineInput], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  lines?: ReturnOrderLineInput[] | null;
}

export type OptionsBlockName = Lowercase<ReturnProvider>;
/** One optional block per provider, named by `optionsBlockName`; declared on the input classes below from the registry. */
export type OptionBlocks = Partial<Record<OptionsBlockName, object | null>>;

/** The name of each provider's options block in the inputs: the provider in lower case. */
export function optionsBlockName(provider: ReturnProvider): OptionsBlockName {
  return provider.toLowerCase() as OptionsBlockName;
}

/** Declares an optional, validated option block on an input class, as a decorator would. */
function addOptionsBlock(input: GraphqlClass, name: OptionsBlockName, block: GraphqlClass, description?: string): void {
  const property = input.prototype as object;
  Field(() => block, { nullable: true, description })(property, name);
  IsOptional()(property, name);
  ValidateNested()(property, name);
}

for (const [i, module] of modulesInSchemaOrder().entries()) {
  const name = optionsBlockName(module.provider);
  const description = i === 0 ? "Exactly the block of the chosen provider may be given; the others must be absent." : undefined;
  addOptionsBlock(ReturnOrderCreateInput, name, module.graphql.createOptions, description);
  if (module.graphql.updateOptions) addOptionsBlock(ReturnOrderUpdateInput, name, module.graphql.updateOptions);
}
