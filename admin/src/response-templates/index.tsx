import { lazy } from 'react';
import ArticleIcon from '@mui/icons-material/Article';
import { Resource } from 'react-admin';

const ResponseTemplateCreate = lazy(() =>
  import('./ResponseTemplateForms').then((m) => ({ default: m.ResponseTemplateCreate })),
);
const ResponseTemplateEdit = lazy(() =>
  import('./ResponseTemplateForms').then((m) => ({ default: m.ResponseTemplateEdit })),
);
const ResponseTemplateShow = lazy(() =>
  import('./ResponseTemplateForms').then((m) => ({ default: m.ResponseTemplateShow })),
);
const ResponseTemplateList = lazy(() =>
  import('./ResponseTemplateList').then((m) => ({ default: m.ResponseTemplateList })),
);

export const responseTemplates = {
  list: ResponseTemplateList,
  show: ResponseTemplateShow,
  create: ResponseTemplateCreate,
  edit: ResponseTemplateEdit,
  icon: ArticleIcon,
};

/** Administrators and managers keep the templates; clerks and unit staff read the active ones. */
export function responseTemplatesResource(permissions: string | null) {
  if (!permissions) return null;
  const { list, show, create, edit, icon } = responseTemplates;
  return permissions === 'ADMIN' || permissions === 'MANAGER' ? (
    <Resource name="response-templates" recordRepresentation="name" {...{ list, show, create, edit, icon }} />
  ) : (
    <Resource name="response-templates" recordRepresentation="name" list={list} show={show} icon={icon} />
  );
}
