import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PERMISSIONS, type Permission, ROLES, type Role, roleHas } from '../access/roles';
import {
  CHILD_KIND,
  childPath,
  type Grant,
  grantsAllow,
  isWithin,
  NODE_KINDS,
  nodesInScope,
  rolesOn,
  scopeRoots,
  type TreeNode,
} from './scope';

// group G ─ company C1 ─ office O1 ─ estates E1, E2
//                      └ office O2 ─ estate E3
//         └ company C2 ─ office O3
const node = (...path: string[]): TreeNode => ({ id: path[path.length - 1] ?? '', path });
const G = node('G');
const C1 = node('G', 'C1');
const C2 = node('G', 'C2');
const O1 = node('G', 'C1', 'O1');
const O2 = node('G', 'C1', 'O2');
const O3 = node('G', 'C2', 'O3');
const E1 = node('G', 'C1', 'O1', 'E1');
const E2 = node('G', 'C1', 'O1', 'E2');
const E3 = node('G', 'C1', 'O2', 'E3');
const ALL = [G, C1, C2, O1, O2, O3, E1, E2, E3];
const ids = (nodes: readonly TreeNode[]) => nodes.map((n) => n.id);

describe('tree shape', () => {
  it('group → company → office → estate', () => {
    expect(NODE_KINDS).toEqual(['group', 'company', 'office', 'estate']);
    expect(CHILD_KIND.group).toBe('company');
    expect(CHILD_KIND.company).toBe('office');
    expect(CHILD_KIND.office).toBe('estate');
    expect(CHILD_KIND.estate).toBeNull();
  });
  it('childPath appends the child id without touching the parent', () => {
    expect(childPath(O1, 'E9')).toEqual(['G', 'C1', 'O1', 'E9']);
    expect(O1.path).toEqual(['G', 'C1', 'O1']);
  });
});

describe('isWithin', () => {
  it('root covers everything', () => {
    for (const n of ALL) expect(isWithin(n, 'G')).toBe(true);
  });
  it('a node is within itself', () => {
    for (const n of ALL) expect(isWithin(n, n.id)).toBe(true);
  });
  it('descendants are within', () => {
    expect(isWithin(E1, 'O1')).toBe(true);
    expect(isWithin(E1, 'C1')).toBe(true);
    expect(isWithin(E3, 'C1')).toBe(true);
  });
  it('siblings are not within each other', () => {
    expect(isWithin(O2, 'O1')).toBe(false);
    expect(isWithin(E2, 'E1')).toBe(false);
    expect(isWithin(C2, 'C1')).toBe(false);
    expect(isWithin(E3, 'O1')).toBe(false);
  });
  it('ancestors are not within their descendants', () => {
    expect(isWithin(O1, 'E1')).toBe(false);
    expect(isWithin(C1, 'O1')).toBe(false);
    expect(isWithin(G, 'C1')).toBe(false);
  });
  it('matches whole ids, not prefixes', () => {
    const n1 = node('G', '1');
    const n10 = node('G', '10');
    expect(isWithin(n10, '1')).toBe(false);
    expect(isWithin(n1, '10')).toBe(false);
  });
  it('unknown ids cover nothing', () => {
    for (const n of ALL) expect(isWithin(n, 'X')).toBe(false);
  });
});

describe('nodesInScope', () => {
  it('returns the subtrees of the roots', () => {
    expect(ids(nodesInScope(ALL, ['O1']))).toEqual(['O1', 'E1', 'E2']);
    expect(ids(nodesInScope(ALL, ['C1']))).toEqual(['C1', 'O1', 'O2', 'E1', 'E2', 'E3']);
    expect(ids(nodesInScope(ALL, ['G']))).toEqual(ids(ALL));
    expect(ids(nodesInScope(ALL, ['E3', 'O3']))).toEqual(['O3', 'E3']);
  });
  it('deny by default: no roots, no nodes', () => {
    expect(nodesInScope(ALL, [])).toEqual([]);
    expect(nodesInScope(ALL, ['X'])).toEqual([]);
  });
  it('overlapping roots do not duplicate nodes', () => {
    expect(ids(nodesInScope(ALL, ['C1', 'O1', 'E1']))).toEqual(['C1', 'O1', 'O2', 'E1', 'E2', 'E3']);
  });
  it('keeps the extra fields of the nodes', () => {
    const rich = ALL.map((n) => ({ ...n, name: `n-${n.id}` }));
    expect(nodesInScope(rich, ['O2']).map((n) => n.name)).toEqual(['n-O2', 'n-E3']);
  });
});

describe('grantsAllow', () => {
  const cashierO1: Grant = { role: 'cashier', nodeId: 'O1' };
  const managerC1: Grant = { role: 'company_manager', nodeId: 'C1' };
  it('allows what the role has, inside the subtree', () => {
    expect(grantsAllow([cashierO1], 'unit:read', E1)).toBe(true);
    expect(grantsAllow([cashierO1], 'unit:read', O1)).toBe(true);
  });
  it('denies permissions the role lacks', () => {
    expect(grantsAllow([cashierO1], 'unit:write', E1)).toBe(false);
    expect(grantsAllow([cashierO1], 'grant:write', O1)).toBe(false);
  });
  it('denies outside the subtree (siblings and ancestors)', () => {
    expect(grantsAllow([cashierO1], 'unit:read', E3)).toBe(false);
    expect(grantsAllow([cashierO1], 'unit:read', C1)).toBe(false);
    expect(grantsAllow([managerC1], 'unit:write', O3)).toBe(false);
    expect(grantsAllow([managerC1], 'org:read', G)).toBe(false);
  });
  it('any one grant suffices', () => {
    expect(grantsAllow([cashierO1, managerC1], 'unit:write', E1)).toBe(true);
    expect(grantsAllow([cashierO1, { role: 'technician', nodeId: 'O3' }], 'unit:read', O3)).toBe(true);
  });
  it('no grants, no access', () => {
    expect(grantsAllow([], 'org:read', G)).toBe(false);
  });
});

describe('scopeRoots and rolesOn', () => {
  it('scopeRoots lists the nodes where the permission is granted, once each', () => {
    const grants: Grant[] = [
      { role: 'cashier', nodeId: 'O1' },
      { role: 'technician', nodeId: 'O1' },
      { role: 'office_manager', nodeId: 'O2' },
    ];
    expect(scopeRoots(grants, 'unit:read')).toEqual(['O1', 'O2']);
    expect(scopeRoots(grants, 'unit:write')).toEqual(['O2']);
    expect(scopeRoots(grants, 'audit:read')).toEqual(['O2']);
    expect(scopeRoots([], 'unit:read')).toEqual([]);
  });
  it('rolesOn collects roles from the node and its ancestors only', () => {
    const grants: Grant[] = [
      { role: 'cashier', nodeId: 'O1' },
      { role: 'company_manager', nodeId: 'C1' },
      { role: 'technician', nodeId: 'E1' },
      { role: 'cashier', nodeId: 'C1' },
    ];
    expect(rolesOn(grants, E1).sort()).toEqual(['cashier', 'company_manager', 'technician']);
    expect(rolesOn(grants, O1).sort()).toEqual(['cashier', 'company_manager']);
    expect(rolesOn(grants, G)).toEqual([]);
  });
});

/** A random forest of up to 30 nodes; node i's parent is an earlier node (or none). */
const forest = fc.array(fc.option(fc.nat(), { nil: undefined }), { minLength: 1, maxLength: 30 }).map((parents) => {
  const parentOf: (number | undefined)[] = parents.map((p, i) => (i === 0 || p === undefined ? undefined : p % i));
  const nodes: TreeNode[] = [];
  parentOf.forEach((p, i) => {
    const id = `n${i}`;
    nodes.push(p === undefined ? { id, path: [id] } : { id, path: childPath(nodes[p] as TreeNode, id) });
  });
  /** Independent reference: walk parent pointers. */
  const isDescendantOrSelf = (i: number, root: number): boolean => {
    for (let cur: number | undefined = i; cur !== undefined; cur = parentOf[cur]) if (cur === root) return true;
    return false;
  };
  return { nodes, isDescendantOrSelf };
});

const role = fc.constantFrom<Role>(...ROLES);
const permission = fc.constantFrom<Permission>(...PERMISSIONS);

describe('scope properties', () => {
  it('property: a grant never covers a node outside its subtree', () => {
    fc.assert(
      fc.property(forest, role, permission, fc.nat(), ({ nodes, isDescendantOrSelf }, r, p, k) => {
        const root = k % nodes.length;
        const grant: Grant = { role: r, nodeId: `n${root}` };
        nodes.forEach((n, i) => {
          const allowed = grantsAllow([grant], p, n);
          if (!isDescendantOrSelf(i, root)) expect(allowed).toBe(false);
          else expect(allowed).toBe(roleHas(r, p));
        });
      }),
    );
  });

  it('property: several grants allow exactly the union of their subtrees', () => {
    fc.assert(
      fc.property(
        forest,
        fc.array(fc.tuple(role, fc.nat()), { maxLength: 5 }),
        permission,
        ({ nodes, isDescendantOrSelf }, raw, p) => {
          const grants: Grant[] = raw.map(([r, k]) => ({ role: r, nodeId: `n${k % nodes.length}` }));
          nodes.forEach((n, i) => {
            const expected = grants.some(
              (g) => roleHas(g.role, p) && isDescendantOrSelf(i, Number(g.nodeId.slice(1))),
            );
            expect(grantsAllow(grants, p, n)).toBe(expected);
          });
        },
      ),
    );
  });

  it('property: nodesInScope(scopeRoots) is exactly the nodes grantsAllow permits', () => {
    fc.assert(
      fc.property(forest, fc.array(fc.tuple(role, fc.nat()), { maxLength: 5 }), permission, ({ nodes }, raw, p) => {
        const grants: Grant[] = raw.map(([r, k]) => ({ role: r, nodeId: `n${k % nodes.length}` }));
        const inScope = ids(nodesInScope(nodes, scopeRoots(grants, p)));
        expect(inScope).toEqual(ids(nodes.filter((n) => grantsAllow(grants, p, n))));
      }),
    );
  });
});
