// kubectl's client-side output formats, byte for byte: -o yaml, -o json, -o name, -o jsonpath
// (and jsonpath-as-json), -o go-template, -o custom-columns, and the tabwriter alignment.
export { toYaml, goYamlMarshal, yamlKeyLess, yamlSortKeys, resolvesToNonString } from './yaml';
export { toJson, goJsonMarshal, goJsonMarshalIndent, goJsonString, goJsonNumber } from './json';
export { toName, nameOf, kindString, groupOf, NamePrinterError } from './name';
export { TabWriter, tabify, type TabWriterOptions } from './tabwriter';
export {
  parseCustomColumnsSpec,
  parseCustomColumnsTemplate,
  printCustomColumns,
  customColumnsRow,
  relaxedJsonPathExpression,
  escapeTerminal,
  CustomColumnsError,
  type CustomColumn,
} from './customcolumns';
export {
  parseJsonPath,
  executeJsonPath,
  findJsonPathResults,
  jsonPath,
  jsonPathParseErrorMessage,
  jsonPathExecErrorMessage,
  JsonPathParseError,
  JsonPathExecError,
  type JpList,
  type JsonPathOptions,
} from './jsonpath';
export {
  parseTemplate,
  execute,
  executeStreaming,
  printGoTemplate,
  templateParseErrorMessage,
  TemplateParseError,
  TemplateExecError,
  goSprintf,
  type Template,
} from './gotemplate';
export { goSprint, goSyntax, goQuote, formatFloatG, formatGoNumber } from './gofmt';
