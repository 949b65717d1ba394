using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Customers.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchGrams : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Customers_BranchId_Name",
                table: "Customers");

            migrationBuilder.CreateTable(
                name: "CustomerSearchBackfill",
                columns: table => new
                {
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerSearchBackfill", x => x.CustomerId);
                });

            // The n-gram index of customer search (CustomerSearchIndex): WITHOUT ROWID, so that the primary key is the
            // table itself (one b-tree, not a table and an index of the same rows).
            migrationBuilder.Sql(
                """
                CREATE TABLE "CustomerSearchGrams" (
                    "Gram" INTEGER NOT NULL,
                    "BranchId" TEXT NOT NULL,
                    "CustomerId" TEXT NOT NULL,
                    CONSTRAINT "PK_CustomerSearchGrams" PRIMARY KEY ("Gram", "BranchId", "CustomerId")
                ) WITHOUT ROWID;
                """);

            // Every customer on file is queued for its grams, written by SearchIndexBackfiller at start (search scans until then).
            migrationBuilder.Sql("INSERT INTO \"CustomerSearchBackfill\" (\"CustomerId\") SELECT \"Id\" FROM \"Customers\";");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_BranchId_Name_Id",
                table: "Customers",
                columns: new[] { "BranchId", "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_BranchId_Status_RegionKey_Name",
                table: "Customers",
                columns: new[] { "BranchId", "Status", "RegionKey", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Category_Status_Name",
                table: "Customers",
                columns: new[] { "Category", "Status", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Grade_Name",
                table: "Customers",
                columns: new[] { "Grade", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Name_Id_BranchId",
                table: "Customers",
                columns: new[] { "Name", "Id", "BranchId" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_OwnerId_Name",
                table: "Customers",
                columns: new[] { "OwnerId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_RegionKey_Name",
                table: "Customers",
                columns: new[] { "RegionKey", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Route_Name",
                table: "Customers",
                columns: new[] { "Route", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Status_Name",
                table: "Customers",
                columns: new[] { "Status", "Name" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CustomerSearchBackfill");

            migrationBuilder.DropTable(
                name: "CustomerSearchGrams");

            migrationBuilder.DropIndex(
                name: "IX_Customers_BranchId_Name_Id",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_BranchId_Status_RegionKey_Name",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_Category_Status_Name",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_Grade_Name",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_Name_Id_BranchId",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_OwnerId_Name",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_RegionKey_Name",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_Route_Name",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_Status_Name",
                table: "Customers");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_BranchId_Name",
                table: "Customers",
                columns: new[] { "BranchId", "Name" });
        }
    }
}
