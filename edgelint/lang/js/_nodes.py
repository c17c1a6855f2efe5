"""Generated from estree.SHAPES by `python -m edgelint.lang.js.estree`: do not edit."""


class Node:
    __slots__ = ("range", "parent")
    type = "Node"
    CHILDREN = ()

    def children(self):
        """Child nodes in source order."""
        return []

    def linked_children_reversed(self):
        """Child nodes last-first, their `parent` set to this node (the walk's step)."""
        return []

    def __repr__(self):
        # Short on purpose: parent links make a full dump unbounded.
        return f"<{self.type} {self.range}>"


class Program(Node):
    __slots__ = ('body', 'sourceType')
    type = 'Program'
    CHILDREN = ('body',)

    def __init__(self, start, end, body=None, sourceType=None):
        self.range = (start, end)
        self.body = body
        self.sourceType = sourceType

    def children(self):
        out = []
        out.extend([c for c in self.body if c is not None])
        return out

    def linked_children_reversed(self):
        out = []
        for c in self.body:
            if c is not None:
                c.parent = self
                out.append(c)
        out.reverse()
        return out


class ExpressionStatement(Node):
    __slots__ = ('expression', 'directive')
    type = 'ExpressionStatement'
    CHILDREN = ('expression',)

    def __init__(self, start, end, expression=None, directive=None):
        self.range = (start, end)
        self.expression = expression
        self.directive = directive

    def children(self):
        out = []
        if self.expression is not None:
            out.append(self.expression)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.expression
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class BlockStatement(Node):
    __slots__ = ('body',)
    type = 'BlockStatement'
    CHILDREN = ('body',)

    def __init__(self, start, end, body=None):
        self.range = (start, end)
        self.body = body

    def children(self):
        out = []
        out.extend([c for c in self.body if c is not None])
        return out

    def linked_children_reversed(self):
        out = []
        for c in self.body:
            if c is not None:
                c.parent = self
                out.append(c)
        out.reverse()
        return out


class StaticBlock(Node):
    __slots__ = ('body',)
    type = 'StaticBlock'
    CHILDREN = ('body',)

    def __init__(self, start, end, body=None):
        self.range = (start, end)
        self.body = body

    def children(self):
        out = []
        out.extend([c for c in self.body if c is not None])
        return out

    def linked_children_reversed(self):
        out = []
        for c in self.body:
            if c is not None:
                c.parent = self
                out.append(c)
        out.reverse()
        return out


class EmptyStatement(Node):
    __slots__ = ()
    type = 'EmptyStatement'
    CHILDREN = ()

    def __init__(self, start, end):
        self.range = (start, end)

    def children(self):
        out = []
        return out

    def linked_children_reversed(self):
        out = []
        out.reverse()
        return out


class DebuggerStatement(Node):
    __slots__ = ()
    type = 'DebuggerStatement'
    CHILDREN = ()

    def __init__(self, start, end):
        self.range = (start, end)

    def children(self):
        out = []
        return out

    def linked_children_reversed(self):
        out = []
        out.reverse()
        return out


class WithStatement(Node):
    __slots__ = ('object', 'body')
    type = 'WithStatement'
    CHILDREN = ('object', 'body')

    def __init__(self, start, end, object=None, body=None):
        self.range = (start, end)
        self.object = object
        self.body = body

    def children(self):
        out = []
        if self.object is not None:
            out.append(self.object)
        if self.body is not None:
            out.append(self.body)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.object
        if c is not None:
            c.parent = self
            out.append(c)
        c = self.body
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class ReturnStatement(Node):
    __slots__ = ('argument',)
    type = 'ReturnStatement'
    CHILDREN = ('argument',)

    def __init__(self, start, end, argument=None):
        self.range = (start, end)
        self.argument = argument

    def children(self):
        out = []
        if self.argument is not None:
            out.append(self.argument)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.argument
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class LabeledStatement(Node):
    __slots__ = ('label', 'body')
    type = 'LabeledStatement'
    CHILDREN = ('label', 'body')

    def __init__(self, start, end, label=None, body=None):
        self.range = (start, end)
        self.label = label
        self.body = body

    def children(self):
        out = []
        if self.label is not None:
            out.append(self.label)
        if self.body is not None:
            out.append(self.body)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.label
        if c is not None:
            c.parent = self
            out.append(c)
        c = self.body
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class BreakStatement(Node):
    __slots__ = ('label',)
    type = 'BreakStatement'
    CHILDREN = ('label',)

    def __init__(self, start, end, label=None):
        self.range = (start, end)
        self.label = label

    def children(self):
        out = []
        if self.label is not None:
            out.append(self.label)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.label
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class ContinueStatement(Node):
    __slots__ = ('label',)
    type = 'ContinueStatement'
    CHILDREN = ('label',)

    def __init__(self, start, end, label=None):
        self.range = (start, end)
        self.label = label

    def children(self):
        out = []
        if self.label is not None:
            out.append(self.label)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.label
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class IfStatement(Node):
    __slots__ = ('test', 'consequent', 'alternate')
    type = 'IfStatement'
    CHILDREN = ('test', 'consequent', 'alternate')

    def __init__(self, start, end, test=None, consequent=None, alternate=None):
        self.range = (start, end)
        self.test = test
        self.consequent = consequent
        self.alternate = alternate

    def children(self):
        out = []
        if self.test is not None:
            out.append(self.test)
        if self.consequent is not None:
            out.append(self.consequent)
        if self.alternate is not None:
            out.append(self.alternate)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.test
        if c is not None:
            c.parent = self
            out.append(c)
        c = self.consequent
        if c is not None:
            c.parent = self
            out.append(c)
        c = self.alternate
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class SwitchStatement(Node):
    __slots__ = ('discriminant', 'cases')
    type = 'SwitchStatement'
    CHILDREN = ('discriminant', 'cases')

    def __init__(self, start, end, discriminant=None, cases=None):
        self.range = (start, end)
        self.discriminant = discriminant
        self.cases = cases

    def children(self):
        out = []
        if self.discriminant is not None:
            out.append(self.discriminant)
        out.extend([c for c in self.cases if c is not None])
        return out

    def linked_children_reversed(self):
        out = []
        c = self.discriminant
        if c is not None:
            c.parent = self
            out.append(c)
        for c in self.cases:
            if c is not None:
                c.parent = self
                out.append(c)
        out.reverse()
        return out


class SwitchCase(Node):
    __slots__ = ('test', 'consequent')
    type = 'SwitchCase'
    CHILDREN = ('test', 'consequent')

    def __init__(self, start, end, test=None, consequent=None):
        self.range = (start, end)
        self.test = test
        self.consequent = consequent

    def children(self):
        out = []
        if self.test is not None:
            out.append(self.test)
        out.extend([c for c in self.consequent if c is not None])
        return out

    def linked_children_reversed(self):
        out = []
        c = self.test
        if c is not None:
            c.parent = self
            out.append(c)
        for c in self.consequent:
            if c is not None:
                c.parent = self
                out.append(c)
        out.reverse()
        return out


class ThrowStatement(Node):
    __slots__ = ('argument',)
    type = 'ThrowStatement'
    CHILDREN = ('argument',)

    def __init__(self, start, end, argument=None):
        self.range = (start, end)
        self.argument = argument

    def children(self):
        out = []
        if self.argument is not None:
            out.append(self.argument)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.argument
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class TryStatement(Node):
    __slots__ = ('block', 'handler', 'finalizer')
    type = 'TryStatement'
    CHILDREN = ('block', 'handler', 'finalizer')

    def __init__(self, start, end, block=None, handler=None, finalizer=None):
        self.range = (start, end)
        self.block = block
        self.handler = handler
        self.finalizer = finalizer

    def children(self):
        out = []
        if self.block is not None:
            out.append(self.block)
        if self.handler is not None:
            out.append(self.handler)
        if self.finalizer is not None:
            out.append(self.finalizer)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.block
        if c is not None:
            c.parent = self
            out.append(c)
        c = self.handler
        if c is not None:
            c.parent = self
            out.append(c)
        c = self.finalizer
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class CatchClause(Node):
    __slots__ = ('param', 'body')
    type = 'CatchClause'
    CHILDREN = ('param', 'body')

    def __init__(self, start, end, param=None, body=None):
        self.range = (start, end)
        self.param = param
        self.body = body

    def children(self):
        out = []
        if self.param is not None:
            out.append(self.param)
        if self.body is not None:
            out.append(self.body)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.param
        if c is not None:
            c.parent = self
            out.append(c)
        c = self.body
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class WhileStatement(Node):
    __slots__ = ('test', 'body')
    type = 'WhileStatement'
    CHILDREN = ('test', 'body')

    def __init__(self, start, end, test=None, body=None):
        self.range = (start, end)
        self.test = test
        self.body = body

    def children(self):
        out = []
        if self.test is not None:
            out.append(self.test)
        if self.body is not None:
            out.append(self.body)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.test
        if c is not None:
            c.parent = self
            out.append(c)
        c = self.body
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class DoWhileStatement(Node):
    __slots__ = ('body', 'test')
    type = 'DoWhileStatement'
    CHILDREN = ('body', 'test')

    def __init__(self, start, end, body=None, test=None):
        self.range = (start, end)
        self.body = body
        self.test = test

    def children(self):
        out = []
        if self.body is not None:
            out.append(self.body)
        if self.test is not None:
            out.append(self.test)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.body
        if c is not None:
            c.parent = self
            out.append(c)
        c = self.test
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class ForStatement(Node):
    __slots__ = ('init', 'test', 'update', 'body')
    type = 'ForStatement'
    CHILDREN = ('init', 'test', 'update', 'body')

    def __init__(self, start, end, init=None, test=None, update=None, body=None):
        self.range = (start, end)
        self.init = init
        self.test = test
        self.update = update
        self.body = body

    def children(self):
        out = []
        if self.init is not None:
            out.append(self.init)
        if self.test is not None:
            out.append(self.test)
        if self.update is not None:
            out.append(self.update)
        if self.body is not None:
            out.append(self.body)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.init
        if c is not None:
            c.parent = self
            out.append(c)
        c = self.test
        if c is not None:
            c.parent = self
            out.append(c)
        c = self.update
        if c is not None:
            c.parent = self
            out.append(c)
        c = self.body
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class ForInStatement(Node):
    __slots__ = ('left', 'right', 'body')
    type = 'ForInStatement'
    CHILDREN = ('left', 'right', 'body')

    def __init__(self, start, end, left=None, right=None, body=None):
        self.range = (start, end)
        self.left = left
        self.right = right
        self.body = body

    def children(self):
        out = []
        if self.left is not None:
            out.append(self.left)
        if self.right is not None:
            out.append(self.right)
        if self.body is not None:
            out.append(self.body)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.left
        if c is not None:
            c.parent = self
            out.append(c)
        c = self.right
        if c is not None:
            c.parent = self
            out.append(c)
        c = self.body
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class ForOfStatement(Node):
    __slots__ = ('left', 'right', 'body', 'isAwait')
    type = 'ForOfStatement'
    CHILDREN = ('left', 'right', 'body')

    def __init__(self, start, end, left=None, right=None, body=None, isAwait=None):
        self.range = (start, end)
        self.left = left
        self.right = right
        self.body = body
        self.isAwait = isAwait

    def children(self):
        out = []
        if self.left is not None:
            out.append(self.left)
        if self.right is not None:
            out.append(self.right)
        if self.body is not None:
            out.append(self.body)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.left
        if c is not None:
            c.parent = self
            out.append(c)
        c = self.right
        if c is not None:
            c.parent = self
            out.append(c)
        c = self.body
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class FunctionDeclaration(Node):
    __slots__ = ('id', 'params', 'body', 'generator', 'expression', 'isAsync')
    type = 'FunctionDeclaration'
    CHILDREN = ('id', 'params', 'body')

    def __init__(self, start, end, id=None, params=None, body=None, generator=None, expression=None, isAsync=None):
        self.range = (start, end)
        self.id = id
        self.params = params
        self.body = body
        self.generator = generator
        self.expression = expression
        self.isAsync = isAsync

    def children(self):
        out = []
        if self.id is not None:
            out.append(self.id)
        out.extend([c for c in self.params if c is not None])
        if self.body is not None:
            out.append(self.body)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.id
        if c is not None:
            c.parent = self
            out.append(c)
        for c in self.params:
            if c is not None:
                c.parent = self
                out.append(c)
        c = self.body
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class VariableDeclaration(Node):
    __slots__ = ('declarations', 'kind')
    type = 'VariableDeclaration'
    CHILDREN = ('declarations',)

    def __init__(self, start, end, declarations=None, kind=None):
        self.range = (start, end)
        self.declarations = declarations
        self.kind = kind

    def children(self):
        out = []
        out.extend([c for c in self.declarations if c is not None])
        return out

    def linked_children_reversed(self):
        out = []
        for c in self.declarations:
            if c is not None:
                c.parent = self
                out.append(c)
        out.reverse()
        return out


class VariableDeclarator(Node):
    __slots__ = ('id', 'init')
    type = 'VariableDeclarator'
    CHILDREN = ('id', 'init')

    def __init__(self, start, end, id=None, init=None):
        self.range = (start, end)
        self.id = id
        self.init = init

    def children(self):
        out = []
        if self.id is not None:
            out.append(self.id)
        if self.init is not None:
            out.append(self.init)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.id
        if c is not None:
            c.parent = self
            out.append(c)
        c = self.init
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class ClassDeclaration(Node):
    __slots__ = ('id', 'superClass', 'body')
    type = 'ClassDeclaration'
    CHILDREN = ('id', 'superClass', 'body')

    def __init__(self, start, end, id=None, superClass=None, body=None):
        self.range = (start, end)
        self.id = id
        self.superClass = superClass
        self.body = body

    def children(self):
        out = []
        if self.id is not None:
            out.append(self.id)
        if self.superClass is not None:
            out.append(self.superClass)
        if self.body is not None:
            out.append(self.body)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.id
        if c is not None:
            c.parent = self
            out.append(c)
        c = self.superClass
        if c is not None:
            c.parent = self
            out.append(c)
        c = self.body
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class ClassExpression(Node):
    __slots__ = ('id', 'superClass', 'body')
    type = 'ClassExpression'
    CHILDREN = ('id', 'superClass', 'body')

    def __init__(self, start, end, id=None, superClass=None, body=None):
        self.range = (start, end)
        self.id = id
        self.superClass = superClass
        self.body = body

    def children(self):
        out = []
        if self.id is not None:
            out.append(self.id)
        if self.superClass is not None:
            out.append(self.superClass)
        if self.body is not None:
            out.append(self.body)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.id
        if c is not None:
            c.parent = self
            out.append(c)
        c = self.superClass
        if c is not None:
            c.parent = self
            out.append(c)
        c = self.body
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class ClassBody(Node):
    __slots__ = ('body',)
    type = 'ClassBody'
    CHILDREN = ('body',)

    def __init__(self, start, end, body=None):
        self.range = (start, end)
        self.body = body

    def children(self):
        out = []
        out.extend([c for c in self.body if c is not None])
        return out

    def linked_children_reversed(self):
        out = []
        for c in self.body:
            if c is not None:
                c.parent = self
                out.append(c)
        out.reverse()
        return out


class MethodDefinition(Node):
    __slots__ = ('key', 'value', 'kind', 'computed', 'static')
    type = 'MethodDefinition'
    CHILDREN = ('key', 'value')

    def __init__(self, start, end, key=None, value=None, kind=None, computed=None, static=None):
        self.range = (start, end)
        self.key = key
        self.value = value
        self.kind = kind
        self.computed = computed
        self.static = static

    def children(self):
        out = []
        if self.key is not None:
            out.append(self.key)
        if self.value is not None:
            out.append(self.value)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.key
        if c is not None:
            c.parent = self
            out.append(c)
        c = self.value
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class PropertyDefinition(Node):
    __slots__ = ('key', 'value', 'computed', 'static')
    type = 'PropertyDefinition'
    CHILDREN = ('key', 'value')

    def __init__(self, start, end, key=None, value=None, computed=None, static=None):
        self.range = (start, end)
        self.key = key
        self.value = value
        self.computed = computed
        self.static = static

    def children(self):
        out = []
        if self.key is not None:
            out.append(self.key)
        if self.value is not None:
            out.append(self.value)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.key
        if c is not None:
            c.parent = self
            out.append(c)
        c = self.value
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class ImportDeclaration(Node):
    __slots__ = ('specifiers', 'source')
    type = 'ImportDeclaration'
    CHILDREN = ('specifiers', 'source')

    def __init__(self, start, end, specifiers=None, source=None):
        self.range = (start, end)
        self.specifiers = specifiers
        self.source = source

    def children(self):
        out = []
        out.extend([c for c in self.specifiers if c is not None])
        if self.source is not None:
            out.append(self.source)
        return out

    def linked_children_reversed(self):
        out = []
        for c in self.specifiers:
            if c is not None:
                c.parent = self
                out.append(c)
        c = self.source
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class ImportSpecifier(Node):
    __slots__ = ('imported', 'local')
    type = 'ImportSpecifier'
    CHILDREN = ('imported', 'local')

    def __init__(self, start, end, imported=None, local=None):
        self.range = (start, end)
        self.imported = imported
        self.local = local

    def children(self):
        out = []
        if self.imported is not None:
            out.append(self.imported)
        if self.local is not None:
            out.append(self.local)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.imported
        if c is not None:
            c.parent = self
            out.append(c)
        c = self.local
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class ImportDefaultSpecifier(Node):
    __slots__ = ('local',)
    type = 'ImportDefaultSpecifier'
    CHILDREN = ('local',)

    def __init__(self, start, end, local=None):
        self.range = (start, end)
        self.local = local

    def children(self):
        out = []
        if self.local is not None:
            out.append(self.local)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.local
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class ImportNamespaceSpecifier(Node):
    __slots__ = ('local',)
    type = 'ImportNamespaceSpecifier'
    CHILDREN = ('local',)

    def __init__(self, start, end, local=None):
        self.range = (start, end)
        self.local = local

    def children(self):
        out = []
        if self.local is not None:
            out.append(self.local)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.local
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class ExportNamedDeclaration(Node):
    __slots__ = ('declaration', 'specifiers', 'source')
    type = 'ExportNamedDeclaration'
    CHILDREN = ('declaration', 'specifiers', 'source')

    def __init__(self, start, end, declaration=None, specifiers=None, source=None):
        self.range = (start, end)
        self.declaration = declaration
        self.specifiers = specifiers
        self.source = source

    def children(self):
        out = []
        if self.declaration is not None:
            out.append(self.declaration)
        out.extend([c for c in self.specifiers if c is not None])
        if self.source is not None:
            out.append(self.source)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.declaration
        if c is not None:
            c.parent = self
            out.append(c)
        for c in self.specifiers:
            if c is not None:
                c.parent = self
                out.append(c)
        c = self.source
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class ExportSpecifier(Node):
    __slots__ = ('local', 'exported')
    type = 'ExportSpecifier'
    CHILDREN = ('local', 'exported')

    def __init__(self, start, end, local=None, exported=None):
        self.range = (start, end)
        self.local = local
        self.exported = exported

    def children(self):
        out = []
        if self.local is not None:
            out.append(self.local)
        if self.exported is not None:
            out.append(self.exported)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.local
        if c is not None:
            c.parent = self
            out.append(c)
        c = self.exported
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class ExportDefaultDeclaration(Node):
    __slots__ = ('declaration',)
    type = 'ExportDefaultDeclaration'
    CHILDREN = ('declaration',)

    def __init__(self, start, end, declaration=None):
        self.range = (start, end)
        self.declaration = declaration

    def children(self):
        out = []
        if self.declaration is not None:
            out.append(self.declaration)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.declaration
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class ExportAllDeclaration(Node):
    __slots__ = ('exported', 'source')
    type = 'ExportAllDeclaration'
    CHILDREN = ('exported', 'source')

    def __init__(self, start, end, exported=None, source=None):
        self.range = (start, end)
        self.exported = exported
        self.source = source

    def children(self):
        out = []
        if self.exported is not None:
            out.append(self.exported)
        if self.source is not None:
            out.append(self.source)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.exported
        if c is not None:
            c.parent = self
            out.append(c)
        c = self.source
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class Identifier(Node):
    __slots__ = ('name',)
    type = 'Identifier'
    CHILDREN = ()

    def __init__(self, start, end, name=None):
        self.range = (start, end)
        self.name = name

    def children(self):
        out = []
        return out

    def linked_children_reversed(self):
        out = []
        out.reverse()
        return out


class PrivateIdentifier(Node):
    __slots__ = ('name',)
    type = 'PrivateIdentifier'
    CHILDREN = ()

    def __init__(self, start, end, name=None):
        self.range = (start, end)
        self.name = name

    def children(self):
        out = []
        return out

    def linked_children_reversed(self):
        out = []
        out.reverse()
        return out


class Literal(Node):
    __slots__ = ('value', 'raw', 'regex')
    type = 'Literal'
    CHILDREN = ()

    def __init__(self, start, end, value=None, raw=None, regex=None):
        self.range = (start, end)
        self.value = value
        self.raw = raw
        self.regex = regex

    def children(self):
        out = []
        return out

    def linked_children_reversed(self):
        out = []
        out.reverse()
        return out


class ThisExpression(Node):
    __slots__ = ()
    type = 'ThisExpression'
    CHILDREN = ()

    def __init__(self, start, end):
        self.range = (start, end)

    def children(self):
        out = []
        return out

    def linked_children_reversed(self):
        out = []
        out.reverse()
        return out


class Super(Node):
    __slots__ = ()
    type = 'Super'
    CHILDREN = ()

    def __init__(self, start, end):
        self.range = (start, end)

    def children(self):
        out = []
        return out

    def linked_children_reversed(self):
        out = []
        out.reverse()
        return out


class ArrayExpression(Node):
    __slots__ = ('elements',)
    type = 'ArrayExpression'
    CHILDREN = ('elements',)

    def __init__(self, start, end, elements=None):
        self.range = (start, end)
        self.elements = elements

    def children(self):
        out = []
        out.extend([c for c in self.elements if c is not None])
        return out

    def linked_children_reversed(self):
        out = []
        for c in self.elements:
            if c is not None:
                c.parent = self
                out.append(c)
        out.reverse()
        return out


class ObjectExpression(Node):
    __slots__ = ('properties',)
    type = 'ObjectExpression'
    CHILDREN = ('properties',)

    def __init__(self, start, end, properties=None):
        self.range = (start, end)
        self.properties = properties

    def children(self):
        out = []
        out.extend([c for c in self.properties if c is not None])
        return out

    def linked_children_reversed(self):
        out = []
        for c in self.properties:
            if c is not None:
                c.parent = self
                out.append(c)
        out.reverse()
        return out


class Property(Node):
    __slots__ = ('key', 'value', 'kind', 'method', 'shorthand', 'computed')
    type = 'Property'
    CHILDREN = ('key', 'value')

    def __init__(self, start, end, key=None, value=None, kind=None, method=None, shorthand=None, computed=None):
        self.range = (start, end)
        self.key = key
        self.value = value
        self.kind = kind
        self.method = method
        self.shorthand = shorthand
        self.computed = computed

    def children(self):
        out = []
        if self.key is not None:
            out.append(self.key)
        if self.value is not None:
            out.append(self.value)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.key
        if c is not None:
            c.parent = self
            out.append(c)
        c = self.value
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class FunctionExpression(Node):
    __slots__ = ('id', 'params', 'body', 'generator', 'expression', 'isAsync')
    type = 'FunctionExpression'
    CHILDREN = ('id', 'params', 'body')

    def __init__(self, start, end, id=None, params=None, body=None, generator=None, expression=None, isAsync=None):
        self.range = (start, end)
        self.id = id
        self.params = params
        self.body = body
        self.generator = generator
        self.expression = expression
        self.isAsync = isAsync

    def children(self):
        out = []
        if self.id is not None:
            out.append(self.id)
        out.extend([c for c in self.params if c is not None])
        if self.body is not None:
            out.append(self.body)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.id
        if c is not None:
            c.parent = self
            out.append(c)
        for c in self.params:
            if c is not None:
                c.parent = self
                out.append(c)
        c = self.body
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class ArrowFunctionExpression(Node):
    __slots__ = ('id', 'params', 'body', 'generator', 'expression', 'isAsync')
    type = 'ArrowFunctionExpression'
    CHILDREN = ('id', 'params', 'body')

    def __init__(self, start, end, id=None, params=None, body=None, generator=None, expression=None, isAsync=None):
        self.range = (start, end)
        self.id = id
        self.params = params
        self.body = body
        self.generator = generator
        self.expression = expression
        self.isAsync = isAsync

    def children(self):
        out = []
        if self.id is not None:
            out.append(self.id)
        out.extend([c for c in self.params if c is not None])
        if self.body is not None:
            out.append(self.body)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.id
        if c is not None:
            c.parent = self
            out.append(c)
        for c in self.params:
            if c is not None:
                c.parent = self
                out.append(c)
        c = self.body
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class UnaryExpression(Node):
    __slots__ = ('argument', 'operator', 'prefix')
    type = 'UnaryExpression'
    CHILDREN = ('argument',)

    def __init__(self, start, end, argument=None, operator=None, prefix=None):
        self.range = (start, end)
        self.argument = argument
        self.operator = operator
        self.prefix = prefix

    def children(self):
        out = []
        if self.argument is not None:
            out.append(self.argument)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.argument
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class UpdateExpression(Node):
    __slots__ = ('argument', 'operator', 'prefix')
    type = 'UpdateExpression'
    CHILDREN = ('argument',)

    def __init__(self, start, end, argument=None, operator=None, prefix=None):
        self.range = (start, end)
        self.argument = argument
        self.operator = operator
        self.prefix = prefix

    def children(self):
        out = []
        if self.argument is not None:
            out.append(self.argument)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.argument
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class BinaryExpression(Node):
    __slots__ = ('left', 'right', 'operator')
    type = 'BinaryExpression'
    CHILDREN = ('left', 'right')

    def __init__(self, start, end, left=None, right=None, operator=None):
        self.range = (start, end)
        self.left = left
        self.right = right
        self.operator = operator

    def children(self):
        out = []
        if self.left is not None:
            out.append(self.left)
        if self.right is not None:
            out.append(self.right)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.left
        if c is not None:
            c.parent = self
            out.append(c)
        c = self.right
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class LogicalExpression(Node):
    __slots__ = ('left', 'right', 'operator')
    type = 'LogicalExpression'
    CHILDREN = ('left', 'right')

    def __init__(self, start, end, left=None, right=None, operator=None):
        self.range = (start, end)
        self.left = left
        self.right = right
        self.operator = operator

    def children(self):
        out = []
        if self.left is not None:
            out.append(self.left)
        if self.right is not None:
            out.append(self.right)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.left
        if c is not None:
            c.parent = self
            out.append(c)
        c = self.right
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class AssignmentExpression(Node):
    __slots__ = ('left', 'right', 'operator')
    type = 'AssignmentExpression'
    CHILDREN = ('left', 'right')

    def __init__(self, start, end, left=None, right=None, operator=None):
        self.range = (start, end)
        self.left = left
        self.right = right
        self.operator = operator

    def children(self):
        out = []
        if self.left is not None:
            out.append(self.left)
        if self.right is not None:
            out.append(self.right)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.left
        if c is not None:
            c.parent = self
            out.append(c)
        c = self.right
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class MemberExpression(Node):
    __slots__ = ('object', 'property', 'computed', 'optional')
    type = 'MemberExpression'
    CHILDREN = ('object', 'property')

    def __init__(self, start, end, object=None, property=None, computed=None, optional=None):
        self.range = (start, end)
        self.object = object
        self.property = property
        self.computed = computed
        self.optional = optional

    def children(self):
        out = []
        if self.object is not None:
            out.append(self.object)
        if self.property is not None:
            out.append(self.property)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.object
        if c is not None:
            c.parent = self
            out.append(c)
        c = self.property
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class ChainExpression(Node):
    __slots__ = ('expression',)
    type = 'ChainExpression'
    CHILDREN = ('expression',)

    def __init__(self, start, end, expression=None):
        self.range = (start, end)
        self.expression = expression

    def children(self):
        out = []
        if self.expression is not None:
            out.append(self.expression)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.expression
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class ConditionalExpression(Node):
    __slots__ = ('test', 'consequent', 'alternate')
    type = 'ConditionalExpression'
    CHILDREN = ('test', 'consequent', 'alternate')

    def __init__(self, start, end, test=None, consequent=None, alternate=None):
        self.range = (start, end)
        self.test = test
        self.consequent = consequent
        self.alternate = alternate

    def children(self):
        out = []
        if self.test is not None:
            out.append(self.test)
        if self.consequent is not None:
            out.append(self.consequent)
        if self.alternate is not None:
            out.append(self.alternate)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.test
        if c is not None:
            c.parent = self
            out.append(c)
        c = self.consequent
        if c is not None:
            c.parent = self
            out.append(c)
        c = self.alternate
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class CallExpression(Node):
    __slots__ = ('callee', 'arguments', 'optional')
    type = 'CallExpression'
    CHILDREN = ('callee', 'arguments')

    def __init__(self, start, end, callee=None, arguments=None, optional=None):
        self.range = (start, end)
        self.callee = callee
        self.arguments = arguments
        self.optional = optional

    def children(self):
        out = []
        if self.callee is not None:
            out.append(self.callee)
        out.extend([c for c in self.arguments if c is not None])
        return out

    def linked_children_reversed(self):
        out = []
        c = self.callee
        if c is not None:
            c.parent = self
            out.append(c)
        for c in self.arguments:
            if c is not None:
                c.parent = self
                out.append(c)
        out.reverse()
        return out


class NewExpression(Node):
    __slots__ = ('callee', 'arguments')
    type = 'NewExpression'
    CHILDREN = ('callee', 'arguments')

    def __init__(self, start, end, callee=None, arguments=None):
        self.range = (start, end)
        self.callee = callee
        self.arguments = arguments

    def children(self):
        out = []
        if self.callee is not None:
            out.append(self.callee)
        out.extend([c for c in self.arguments if c is not None])
        return out

    def linked_children_reversed(self):
        out = []
        c = self.callee
        if c is not None:
            c.parent = self
            out.append(c)
        for c in self.arguments:
            if c is not None:
                c.parent = self
                out.append(c)
        out.reverse()
        return out


class SequenceExpression(Node):
    __slots__ = ('expressions',)
    type = 'SequenceExpression'
    CHILDREN = ('expressions',)

    def __init__(self, start, end, expressions=None):
        self.range = (start, end)
        self.expressions = expressions

    def children(self):
        out = []
        out.extend([c for c in self.expressions if c is not None])
        return out

    def linked_children_reversed(self):
        out = []
        for c in self.expressions:
            if c is not None:
                c.parent = self
                out.append(c)
        out.reverse()
        return out


class YieldExpression(Node):
    __slots__ = ('argument', 'delegate')
    type = 'YieldExpression'
    CHILDREN = ('argument',)

    def __init__(self, start, end, argument=None, delegate=None):
        self.range = (start, end)
        self.argument = argument
        self.delegate = delegate

    def children(self):
        out = []
        if self.argument is not None:
            out.append(self.argument)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.argument
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class AwaitExpression(Node):
    __slots__ = ('argument',)
    type = 'AwaitExpression'
    CHILDREN = ('argument',)

    def __init__(self, start, end, argument=None):
        self.range = (start, end)
        self.argument = argument

    def children(self):
        out = []
        if self.argument is not None:
            out.append(self.argument)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.argument
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class TemplateLiteral(Node):
    __slots__ = ('quasis', 'expressions')
    type = 'TemplateLiteral'
    CHILDREN = ('quasis', 'expressions')

    def __init__(self, start, end, quasis=None, expressions=None):
        self.range = (start, end)
        self.quasis = quasis
        self.expressions = expressions

    def children(self):
        out = []
        out.extend([c for c in self.quasis if c is not None])
        out.extend([c for c in self.expressions if c is not None])
        return out

    def linked_children_reversed(self):
        out = []
        for c in self.quasis:
            if c is not None:
                c.parent = self
                out.append(c)
        for c in self.expressions:
            if c is not None:
                c.parent = self
                out.append(c)
        out.reverse()
        return out


class TaggedTemplateExpression(Node):
    __slots__ = ('tag', 'quasi')
    type = 'TaggedTemplateExpression'
    CHILDREN = ('tag', 'quasi')

    def __init__(self, start, end, tag=None, quasi=None):
        self.range = (start, end)
        self.tag = tag
        self.quasi = quasi

    def children(self):
        out = []
        if self.tag is not None:
            out.append(self.tag)
        if self.quasi is not None:
            out.append(self.quasi)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.tag
        if c is not None:
            c.parent = self
            out.append(c)
        c = self.quasi
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class TemplateElement(Node):
    __slots__ = ('value', 'tail')
    type = 'TemplateElement'
    CHILDREN = ()

    def __init__(self, start, end, value=None, tail=None):
        self.range = (start, end)
        self.value = value
        self.tail = tail

    def children(self):
        out = []
        return out

    def linked_children_reversed(self):
        out = []
        out.reverse()
        return out


class SpreadElement(Node):
    __slots__ = ('argument',)
    type = 'SpreadElement'
    CHILDREN = ('argument',)

    def __init__(self, start, end, argument=None):
        self.range = (start, end)
        self.argument = argument

    def children(self):
        out = []
        if self.argument is not None:
            out.append(self.argument)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.argument
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class MetaProperty(Node):
    __slots__ = ('meta', 'property')
    type = 'MetaProperty'
    CHILDREN = ('meta', 'property')

    def __init__(self, start, end, meta=None, property=None):
        self.range = (start, end)
        self.meta = meta
        self.property = property

    def children(self):
        out = []
        if self.meta is not None:
            out.append(self.meta)
        if self.property is not None:
            out.append(self.property)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.meta
        if c is not None:
            c.parent = self
            out.append(c)
        c = self.property
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class ImportExpression(Node):
    __slots__ = ('source',)
    type = 'ImportExpression'
    CHILDREN = ('source',)

    def __init__(self, start, end, source=None):
        self.range = (start, end)
        self.source = source

    def children(self):
        out = []
        if self.source is not None:
            out.append(self.source)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.source
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class ObjectPattern(Node):
    __slots__ = ('properties',)
    type = 'ObjectPattern'
    CHILDREN = ('properties',)

    def __init__(self, start, end, properties=None):
        self.range = (start, end)
        self.properties = properties

    def children(self):
        out = []
        out.extend([c for c in self.properties if c is not None])
        return out

    def linked_children_reversed(self):
        out = []
        for c in self.properties:
            if c is not None:
                c.parent = self
                out.append(c)
        out.reverse()
        return out


class ArrayPattern(Node):
    __slots__ = ('elements',)
    type = 'ArrayPattern'
    CHILDREN = ('elements',)

    def __init__(self, start, end, elements=None):
        self.range = (start, end)
        self.elements = elements

    def children(self):
        out = []
        out.extend([c for c in self.elements if c is not None])
        return out

    def linked_children_reversed(self):
        out = []
        for c in self.elements:
            if c is not None:
                c.parent = self
                out.append(c)
        out.reverse()
        return out


class RestElement(Node):
    __slots__ = ('argument',)
    type = 'RestElement'
    CHILDREN = ('argument',)

    def __init__(self, start, end, argument=None):
        self.range = (start, end)
        self.argument = argument

    def children(self):
        out = []
        if self.argument is not None:
            out.append(self.argument)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.argument
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class AssignmentPattern(Node):
    __slots__ = ('left', 'right')
    type = 'AssignmentPattern'
    CHILDREN = ('left', 'right')

    def __init__(self, start, end, left=None, right=None):
        self.range = (start, end)
        self.left = left
        self.right = right

    def children(self):
        out = []
        if self.left is not None:
            out.append(self.left)
        if self.right is not None:
            out.append(self.right)
        return out

    def linked_children_reversed(self):
        out = []
        c = self.left
        if c is not None:
            c.parent = self
            out.append(c)
        c = self.right
        if c is not None:
            c.parent = self
            out.append(c)
        out.reverse()
        return out


class JSXElement(Node):
    __slots__ = ('expressions',)
    type = 'JSXElement'
    CHILDREN = ('expressions',)

    def __init__(self, start, end, expressions=None):
        self.range = (start, end)
        self.expressions = expressions

    def children(self):
        out = []
        out.extend([c for c in self.expressions if c is not None])
        return out

    def linked_children_reversed(self):
        out = []
        for c in self.expressions:
            if c is not None:
                c.parent = self
                out.append(c)
        out.reverse()
        return out


CLASSES = {'Program': Program, 'ExpressionStatement': ExpressionStatement, 'BlockStatement': BlockStatement, 'StaticBlock': StaticBlock, 'EmptyStatement': EmptyStatement, 'DebuggerStatement': DebuggerStatement, 'WithStatement': WithStatement, 'ReturnStatement': ReturnStatement, 'LabeledStatement': LabeledStatement, 'BreakStatement': BreakStatement, 'ContinueStatement': ContinueStatement, 'IfStatement': IfStatement, 'SwitchStatement': SwitchStatement, 'SwitchCase': SwitchCase, 'ThrowStatement': ThrowStatement, 'TryStatement': TryStatement, 'CatchClause': CatchClause, 'WhileStatement': WhileStatement, 'DoWhileStatement': DoWhileStatement, 'ForStatement': ForStatement, 'ForInStatement': ForInStatement, 'ForOfStatement': ForOfStatement, 'FunctionDeclaration': FunctionDeclaration, 'VariableDeclaration': VariableDeclaration, 'VariableDeclarator': VariableDeclarator, 'ClassDeclaration': ClassDeclaration, 'ClassExpression': ClassExpression, 'ClassBody': ClassBody, 'MethodDefinition': MethodDefinition, 'PropertyDefinition': PropertyDefinition, 'ImportDeclaration': ImportDeclaration, 'ImportSpecifier': ImportSpecifier, 'ImportDefaultSpecifier': ImportDefaultSpecifier, 'ImportNamespaceSpecifier': ImportNamespaceSpecifier, 'ExportNamedDeclaration': ExportNamedDeclaration, 'ExportSpecifier': ExportSpecifier, 'ExportDefaultDeclaration': ExportDefaultDeclaration, 'ExportAllDeclaration': ExportAllDeclaration, 'Identifier': Identifier, 'PrivateIdentifier': PrivateIdentifier, 'Literal': Literal, 'ThisExpression': ThisExpression, 'Super': Super, 'ArrayExpression': ArrayExpression, 'ObjectExpression': ObjectExpression, 'Property': Property, 'FunctionExpression': FunctionExpression, 'ArrowFunctionExpression': ArrowFunctionExpression, 'UnaryExpression': UnaryExpression, 'UpdateExpression': UpdateExpression, 'BinaryExpression': BinaryExpression, 'LogicalExpression': LogicalExpression, 'AssignmentExpression': AssignmentExpression, 'MemberExpression': MemberExpression, 'ChainExpression': ChainExpression, 'ConditionalExpression': ConditionalExpression, 'CallExpression': CallExpression, 'NewExpression': NewExpression, 'SequenceExpression': SequenceExpression, 'YieldExpression': YieldExpression, 'AwaitExpression': AwaitExpression, 'TemplateLiteral': TemplateLiteral, 'TaggedTemplateExpression': TaggedTemplateExpression, 'TemplateElement': TemplateElement, 'SpreadElement': SpreadElement, 'MetaProperty': MetaProperty, 'ImportExpression': ImportExpression, 'ObjectPattern': ObjectPattern, 'ArrayPattern': ArrayPattern, 'RestElement': RestElement, 'AssignmentPattern': AssignmentPattern, 'JSXElement': JSXElement}
