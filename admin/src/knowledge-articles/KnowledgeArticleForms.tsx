import {
  BooleanField,
  BooleanInput,
  Create,
  DateField,
  Edit,
  Labeled,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  Show,
  TabbedForm,
  TabbedShowLayout,
  TextArrayInput,
  TextField,
  TextInput,
  maxLength,
  minLength,
  regex,
  required,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { CategoryName, useCategoryName } from './shared';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The same limits the API checks, so a mistake shows next to its field before saving. */
const slugRules = [required(), maxLength(120), regex(SLUG, 'civicflow.knowledgeArticles.slug_help')];
const titleRules = [required(), minLength(3), maxLength(200)];
const summaryRules = [required(), minLength(3), maxLength(500)];
const bodyRules = [required(), minLength(3), maxLength(20000)];

const languageTab = (language: 'Pl' | 'En', label: string, bodyHelp: string) => (
  <TabbedForm.Tab label={label} key={language}>
    <TextInput source={`title${language}`} validate={titleRules} fullWidth />
    <TextInput source={`summary${language}`} validate={summaryRules} multiline minRows={2} fullWidth />
    <TextInput
      source={`body${language}`}
      validate={bodyRules}
      multiline
      minRows={14}
      fullWidth
      helperText={bodyHelp}
    />
  </TabbedForm.Tab>
);

const ArticleForm = ({ creating = false }: { creating?: boolean }) => {
  const translate = useTranslate();
  const categoryName = useCategoryName();
  const bodyHelp = translate('civicflow.knowledgeArticles.body_help');
  return (
    <TabbedForm defaultValues={creating ? { published: false, keywords: [] } : undefined}>
      <TabbedForm.Tab label={translate('civicflow.knowledgeArticles.tabs.general')}>
        <TextInput
          source="slug"
          validate={slugRules}
          helperText={translate('civicflow.knowledgeArticles.slug_help')}
          fullWidth
        />
        <ReferenceInput
          source="categoryCode"
          reference="knowledge-categories"
          sort={{ field: 'position', order: 'ASC' }}
          perPage={100}
        >
          <SelectInput optionText={categoryName} validate={required()} />
        </ReferenceInput>
        <TextArrayInput
          source="keywords"
          helperText={translate('civicflow.knowledgeArticles.keywords_help')}
          fullWidth
        />
        <BooleanInput
          source="published"
          helperText={translate('civicflow.knowledgeArticles.published_help')}
        />
      </TabbedForm.Tab>
      {languageTab('Pl', translate('civicflow.knowledgeArticles.tabs.pl'), bodyHelp)}
      {languageTab('En', translate('civicflow.knowledgeArticles.tabs.en'), bodyHelp)}
    </TabbedForm>
  );
};

export const KnowledgeArticleCreate = () => (
  <Create redirect="list">
    <ArticleForm creating />
  </Create>
);

export const KnowledgeArticleEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list" actions={<PortalLink />}>
    <ArticleForm />
  </Edit>
);

/** Where residents read the article (published ones only). */
const PortalLink = () => {
  const record = useRecordContext<{ slug: string; published: boolean }>();
  const translate = useTranslate();
  if (!record?.published) return null;
  return (
    <a href={`/portal/help/${record.slug}`} target="_blank" rel="noreferrer" style={{ alignSelf: 'center' }}>
      {translate('civicflow.knowledgeArticles.open_in_portal')}
    </a>
  );
};

const Paragraphs = ({ source }: { source: 'bodyPl' | 'bodyEn' }) => (
  <TextField source={source} sx={{ whiteSpace: 'pre-wrap' }} />
);

/** What clerks see: the answer in both languages, to read out or send to a caller. */
export const KnowledgeArticleShow = () => {
  const translate = useTranslate();
  return (
    <Show actions={<PortalLink />}>
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label={translate('civicflow.knowledgeArticles.tabs.pl')}>
          <TextField source="titlePl" />
          <TextField source="summaryPl" />
          <Paragraphs source="bodyPl" />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label={translate('civicflow.knowledgeArticles.tabs.en')}>
          <TextField source="titleEn" />
          <TextField source="summaryEn" />
          <Paragraphs source="bodyEn" />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label={translate('civicflow.knowledgeArticles.tabs.general')}>
          <TextField source="slug" />
          <Labeled source="categoryCode">
            <ReferenceField source="categoryCode" reference="knowledge-categories" link={false}>
              <CategoryName />
            </ReferenceField>
          </Labeled>
          <BooleanField source="published" />
          <DateField source="updatedAt" showTime />
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </Show>
  );
};
