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
import { RETURN_PROVIDERS, type ReturnProvider } from "../returns/model.js";
import { ReturnProviderEnum } from "./enums.js";

const text = (max: number) => [IsOptional(), IsString(), MaxLength(max)];
const apply = (...decorators: PropertyDecorator[]) => (target: object, key: string | symbol) => decorators.forEach((d) => d(target, key));

@InputType({ description: "Who sends the parcel back. Each provider keeps the parts it has a field for." })
export class ReturnPartyInput {
  @Field(() => String, { nullable: true, description: "The sender's name." }) @apply(...text(128)) name?: string | null;
  @Field(() => String, { nullable: true, description: "The sender's company." }) @apply(...text(128)) company?: string | null;
  @Field(() => String, { nullable: true, description: "A landline or other phone number." }) @apply(...text(32)) phone?: string | null;
  @Field(() => String, { nullable: true, description: "A mobile phone number." }) @apply(...text(32)) mobile?: string | null;
  @Field(() => String, { nullable: true, description: "An e-mail address." }) @IsOptional() @MaxLength(128) @IsEmail({}, { message: "email is not an email address" }) email?: string | null;
  @Field(() => String, { nullable: true, description: "The country (an ISO 3166-1 alpha-2 code where the provider asks for one)." }) @apply(...text(64)) country?: string | null;
  @Field(() => String, { nullable: true, description: "The province, state or region." }) @apply(...text(64)) province?: string | null;
  @Field(() => String, { nullable: true, description: "The city." }) @apply(...text(64)) city?: string | null;
  @Field(() => String, { nullable: true, description: "The district or county." }) @apply(...text(64)) district?: string | null;
  @Field(() => String, { nullable: true, description: "The first address line (street)." }) @apply(...text(256)) address1?: string | null;
  @Field(() => String, { nullable: true, description: "The second address line." }) @apply(...text(256)) address2?: string | null;
  @Field(() => String, { nullable: true, description: "The house number, where the provider keeps it apart from the street." }) @apply(...text(32)) houseNo?: string | null;
  @Field(() => String, { nullable: true, description: "The postal code." }) @apply(...text(32)) postcode?: string | null;
}

@InputType({ description: "One SKU to return." })
export class ReturnOrderLineInput {
  @Field(() => String, { description: "The seller's SKU, as the provider knows it." }) @IsString() @IsNotEmpty({ message: "sku must not be empty" }) @MaxLength(64) sku!: string;
  @Field(() => Int, { description: "How many units come back (at least 1)." }) @IsInt() @Min(1, { message: "quantity must be at least 1" }) @Max(100_000) quantity!: number;
  @Field(() => String, { nullable: true, description: "A free-text note on this line." }) @apply(...text(512)) remark?: string | null;
}

@InputType({ description: "A new return order. Fields a provider has no place for are not sent to it." })
export class ReturnOrderCreateInput {
  @Field(() => ReturnProviderEnum, { description: "The provider to create the order at." }) provider!: ReturnProvider;
  @Field(() => String, { nullable: true, description: "Defaults to the provider's only account." }) @apply(...text(64)) account?: string | null;
  @Field(() => String, { nullable: true, description: "The seller's own reference for the return." }) @apply(...text(64)) referenceNo?: string | null;
  @Field(() => String, { nullable: true, description: "The original outbound / sales order the goods left with." }) @apply(...text(64)) outboundOrderNo?: string | null;
  @Field(() => String, { description: "The provider's code of the warehouse the parcel goes to." }) @IsString() @IsNotEmpty({ message: "warehouseCode must not be empty" }) @MaxLength(64) warehouseCode!: string;
  @Field(() => String, { nullable: true, description: "The carrier of the return parcel." }) @apply(...text(64)) carrier?: string | null;
  @Field(() => String, { nullable: true, description: "The return parcel's tracking number." }) @apply(...text(64)) trackingNumber?: string | null;
  @Field(() => String, { nullable: true, description: "Why the goods come back." }) @apply(...text(512)) reason?: string | null;
  @Field(() => String, { nullable: true, description: "A free-text note on the order." }) @apply(...text(1024)) remark?: string | null;
  @Field(() => ReturnPartyInput, { nullable: true, description: "Who sends the parcel." }) @IsOptional() @ValidateNested() sender?: ReturnPartyInput | null;
  @Field(() => [ReturnOrderLineInput], { description: "The SKUs coming back: one to 200 lines." })
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
  @Field(() => String, { nullable: true, description: "A new seller's reference." }) @apply(...text(64)) referenceNo?: string | null;
  @Field(() => String, { nullable: true, description: "A new original outbound / sales order." }) @apply(...text(64)) outboundOrderNo?: string | null;
  @Field(() => String, { nullable: true, description: "Another warehouse (the provider's code)." }) @IsOptional() @IsString() @IsNotEmpty({ message: "warehouseCode must not be empty" }) @MaxLength(64) warehouseCode?: string | null;
  @Field(() => String, { nullable: true, description: "The parcel's tracking number, once known." }) @apply(...text(64)) trackingNumber?: string | null;
  @Field(() => String, { nullable: true, description: "A new note on the order." }) @apply(...text(1024)) remark?: string | null;
  @Field(() => ReturnPartyInput, { nullable: true, description: "A new sender; replaces the old one." }) @IsOptional() @ValidateNested() sender?: ReturnPartyInput | null;
  @Field(() => [ReturnOrderLineInput], { nullable: true, description: "New lines; replace all the old ones. Absent keeps them." })
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

/** The input's blocks by provider (those given), as the domain takes them. */
export function providerBlocksOf(input: object): Partial<Record<ReturnProvider, Record<string, unknown>>> {
  const blocks = input as OptionBlocks;
  const given = RETURN_PROVIDERS.filter((p) => blocks[optionsBlockName(p)] != null);
  return Object.fromEntries(given.map((p) => [p, { ...(blocks[optionsBlockName(p)] as Record<string, unknown>) }]));
}

/** The input's common fields, without any provider's block. */
export function withoutOptionBlocks<T extends object>(input: T): Omit<T, OptionsBlockName> {
  const blocks = new Set<string>(RETURN_PROVIDERS.map(optionsBlockName));
  return Object.fromEntries(Object.entries(input).filter(([name]) => !blocks.has(name))) as Omit<T, OptionsBlockName>;
}

/** Declares an optional, validated option block on an input class, as a decorator would. */
export function addOptionsBlock(input: GraphqlClass, name: OptionsBlockName, block: GraphqlClass, description: string): void {
  const property = input.prototype as object;
  Field(() => block, { nullable: true, description })(property, name);
  IsOptional()(property, name);
  ValidateNested()(property, name);
}

for (const [i, module] of modulesInSchemaOrder().entries()) {
  const name = optionsBlockName(module.provider);
  const only = i === 0 ? " Exactly the block of the chosen provider may be given; the others must be absent." : "";
  addOptionsBlock(ReturnOrderCreateInput, name, module.graphql.createOptions, `What only ${module.provider} has; only with provider ${module.provider}.${only}`);
  if (module.graphql.updateOptions) {
    addOptionsBlock(ReturnOrderUpdateInput, name, module.graphql.updateOptions, `What only ${module.provider} can change; only for a ${module.provider} order.`);
  }
}
