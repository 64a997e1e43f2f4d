import { lazy } from 'react';
import MenuBookIcon from '@mui/icons-material/MenuBook';
import TopicIcon from '@mui/icons-material/Topic';
import { Resource } from 'react-admin';
import { canWriteKnowledge } from './shared';

const KnowledgeArticleCreate = lazy(() =>
  import('./KnowledgeArticleForms').then((m) => ({ default: m.KnowledgeArticleCreate })),
);
const KnowledgeArticleEdit = lazy(() =>
  import('./KnowledgeArticleForms').then((m) => ({ default: m.KnowledgeArticleEdit })),
);
const KnowledgeArticleShow = lazy(() =>
  import('./KnowledgeArticleForms').then((m) => ({ default: m.KnowledgeArticleShow })),
);
const KnowledgeArticleList = lazy(() =>
  import('./KnowledgeArticleList').then((m) => ({ default: m.KnowledgeArticleList })),
);
const KnowledgeCategoryCreate = lazy(() =>
  import('./KnowledgeCategoryViews').then((m) => ({ default: m.KnowledgeCategoryCreate })),
);
const KnowledgeCategoryEdit = lazy(() =>
  import('./KnowledgeCategoryViews').then((m) => ({ default: m.KnowledgeCategoryEdit })),
);
const KnowledgeCategoryList = lazy(() =>
  import('./KnowledgeCategoryViews').then((m) => ({ default: m.KnowledgeCategoryList })),
);

export const knowledgeArticles = {
  list: KnowledgeArticleList,
  show: KnowledgeArticleShow,
  create: KnowledgeArticleCreate,
  edit: KnowledgeArticleEdit,
  icon: MenuBookIcon,
};

export const knowledgeCategories = {
  list: KnowledgeCategoryList,
  create: KnowledgeCategoryCreate,
  edit: KnowledgeCategoryEdit,
  icon: TopicIcon,
};

/**
 * Administrators and managers write the knowledge base; clerks read it (they answer callers from
 * it). Unit staff do not get it: the API refuses them too.
 */
export function knowledgeResources(permissions: string | null) {
  if (!permissions || !['ADMIN', 'MANAGER', 'CLERK'].includes(permissions)) return null;
  const articles = knowledgeArticles;
  const categories = knowledgeCategories;
  return canWriteKnowledge(permissions) ? (
    <>
      <Resource name="knowledge-articles" recordRepresentation="titlePl" {...articles} />
      <Resource name="knowledge-categories" recordRepresentation="namePl" {...categories} />
    </>
  ) : (
    <>
      <Resource
        name="knowledge-articles"
        recordRepresentation="titlePl"
        list={articles.list}
        show={articles.show}
        icon={articles.icon}
      />
      <Resource
        name="knowledge-categories"
        recordRepresentation="namePl"
        list={categories.list}
        icon={categories.icon}
      />
    </>
  );
}
