import { buildASTSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isUnionType, parse, type GraphQLSchema } from "graphql";

/**
 * Everything the contract names that the emitted schema lacks or types differently: types,
 * fields with their types, arguments with their types and defaults, enum values, union members,
 * interfaces. Extra things in the emitted schema are allowed (the contract may be extended).
 */
export function contractGaps(contractSdl: string, emittedSdl: string): string[] {
  const load = (sdl: string): GraphQLSchema =>
    buildASTSchema(
      parse(`directive @link(url: String, import: [String]) repeatable on SCHEMA
directive @key(fields: String!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE
directive @shareable repeatable on OBJECT | FIELD_DEFINITION
${sdl.replace(/extend schema[\s\S]*?\)\s*\n/, "").replace(/directive @[\s\S]*?\n(?=\S)/g, "")}`),
      { assumeValidSDL: true },
    );
  const contract = load(contractSdl);
  const emitted = load(emittedSdl);
  const gaps: string[] = [];
  for (const [name, type] of Object.entries(contract.getTypeMap())) {
    if (name.startsWith("__")) continue;
    const other = emitted.getType(name);
    if (!other) {
      gaps.push(`missing type ${name}`);
      continue;
    }
    if (isEnumType(type)) {
      const values = isEnumType(other) ? other.getValues().map((v) => v.name) : [];
      for (const v of type.getValues()) if (!values.includes(v.name)) gaps.push(`enum ${name} lacks ${v.name}`);
    }
    if (isUnionType(type)) {
      const members = isUnionType(other) ? other.getTypes().map((t) => t.name) : [];
      for (const t of type.getTypes()) if (!members.includes(t.name)) gaps.push(`union ${name} lacks ${t.name}`);
    }
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      if (!(isObjectType(other) || isInterfaceType(other) || isInputObjectType(other))) {
        gaps.push(`${name} is not an object/interface/input`);
        continue;
      }
      const otherFields = other.getFields() as Record<string, { type: unknown; args?: readonly { name: string; type: unknown; defaultValue?: unknown }[] }>;
      for (const [fieldName, field] of Object.entries(type.getFields())) {
        const o = otherFields[fieldName];
        if (!o) {
          gaps.push(`${name}.${fieldName} missing`);
          continue;
        }
        if (String(o.type) !== String(field.type)) gaps.push(`${name}.${fieldName} is ${String(o.type)}, contract says ${String(field.type)}`);
        for (const arg of "args" in field ? field.args : []) {
          const oa = o.args?.find((a) => a.name === arg.name);
          if (!oa) gaps.push(`${name}.${fieldName}(${arg.name}) missing`);
          else if (String(oa.type) !== String(arg.type))
            gaps.push(`${name}.${fieldName}(${arg.name}) is ${String(oa.type)}, contract says ${String(arg.type)}`);
          else if (arg.defaultValue !== undefined && oa.defaultValue !== arg.defaultValue) gaps.push(`${name}.${fieldName}(${arg.name}) default differs`);
        }
      }
      if ((isObjectType(type) || isInterfaceType(type)) && (isObjectType(other) || isInterfaceType(other))) {
        const impl = other.getInterfaces().map((i) => i.name);
        for (const i of type.getInterfaces()) if (!impl.includes(i.name)) gaps.push(`${name} does not implement ${i.name}`);
      }
    }
  }
  return gaps;
}
