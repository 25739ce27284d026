-- Tryton keeps its books in a database of its own beside the hub's.
CREATE DATABASE tryton OWNER millrace;
